package io.tilework.process.service;

import io.tilework.process.engine.ProcessEngine;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active engine's side of forwarding: takes the unanswered rows of {@code forwarded_commands}
 * into its loop when notified (and every {@link #POLL_MS} besides). A row stays taken until its
 * command's batch is done: answered with it if the batch committed, taken again if it failed.
 */
final class ForwardedIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardedIntake.class);
    private static final long POLL_MS = 250;
    private static final int MOST = 512;

    private final ForwardedCommands table;
    private final DatabaseSignals signals;
    private final ProcessEngine engine;
    /** Rows in the engine's loop now, or answered too recently for every later read to see it. */
    private final Set<Long> taken = ConcurrentHashMap.newKeySet();
    /** Rows answered, with when (System.nanoTime): a read begun before that may still return them unanswered. */
    private final Map<Long, Long> answered = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    ForwardedIntake(ForwardedCommands table, DatabaseSignals signals, ProcessEngine engine) {
        this.table = table;
        this.signals = signals;
        this.engine = engine;
        this.thread = Thread.ofPlatform().name("tilework-process-forwarded").daemon().start(this::run);
    }

    private void run() {
        while (running) {
            try {
                signals.await(ForwardedCommands.TAKE, POLL_MS);
                if (engine.active()) {
                    take();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.debug("taking forwarded commands failed (tried again): {}", e.toString());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void take() {
        long reading = System.nanoTime();
        for (ForwardedCommands.Row row : table.unanswered(MOST)) {
            if (!taken.add(row.id())) {
                continue;
            }
            Map<String, Object> body = row.body();
            var result = "start".equals(body.get("kind"))
                    ? engine.startForwarded(row.id(), (String) body.get("model"), (Map<String, Object>) body.getOrDefault("variables", Map.of()))
                    : engine.sendForwarded(row.id(), (String) body.get("instance"), (String) body.get("event"), (String) body.get("object"),
                            (Map<String, Object>) body.getOrDefault("payload", Map.of()));
            result.whenComplete((outcome, failure) -> {
                if (failure == null) {
                    answered.put(row.id(), System.nanoTime());
                } else {
                    taken.remove(row.id()); // not answered: taken again by the next read
                }
            });
        }
        // Answered before this read began: no read from now on returns them.
        answered.entrySet().removeIf(entry -> {
            boolean seenByAll = entry.getValue() - reading < 0;
            if (seenByAll) {
                taken.remove(entry.getKey());
            }
            return seenByAll;
        });
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
