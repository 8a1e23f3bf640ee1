package io.tilework.process.service;

import io.tilework.process.engine.Outcome;
import io.tilework.process.engine.ProcessEngine;
import io.tilework.process.store.PostgresProcessStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One of several engines on a PostgreSQL database: it leads ({@link Leadership}) or stands by.
 * Leading, its engine serves — commands, timers, the outbox — and takes the commands standbys
 * forward ({@link ForwardedIntake}); standing by, its engine refuses commands and the service
 * forwards them ({@link Forwarder}), while reads go to the database directly.
 */
final class SharedDatabase implements AutoCloseable {

    /** The longest a new leader may take to recover (read the store's timers and outbox) before it gives leadership up. */
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);

    private final ProcessEngine engine;
    private final DatabaseSignals signals;
    private final ForwardedIntake intake;
    private final Forwarder forwarder;
    private final Leadership leadership;

    /** Starts trying for leadership at once: an engine alone on its database serves when this returns. */
    SharedDatabase(PostgresProcessStore store, ProcessEngine engine, FencedWriter writer) {
        this.engine = engine;
        String name = engineName();
        var table = new ForwardedCommands(store);
        this.signals = new DatabaseSignals(store, ForwardedCommands.TAKE, ForwardedCommands.ANSWERED);
        this.forwarder = new Forwarder(table, signals, name);
        this.intake = new ForwardedIntake(table, signals, engine);
        this.leadership = new Leadership(store, name, new Leadership.Listener() {
            @Override
            public void elected(long term) {
                try {
                    engine.activate(term).get(RECOVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while taking up the active engine's work", e);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (TimeoutException e) {
                    engine.standDown();
                    throw new IllegalStateException("taking up the active engine's work took longer than " + RECOVERY_TIMEOUT.toSeconds() + " s");
                }
            }

            @Override
            public void deposed() {
                engine.standDown();
            }
        });
        writer.onFenced(() -> {
            engine.standDown();
            leadership.resign();
        });
        leadership.start();
    }

    /** Whether commands run here (this engine leads) rather than being forwarded. */
    boolean local() {
        return engine.active();
    }

    /** The leadership term this engine serves in; 0 when it stands by. */
    long term() {
        return leadership.term();
    }

    Outcome forwardStart(String model, Map<String, Object> variables, Duration timeout) {
        return forwarder.forward(ForwardedCommands.start(model, variables), timeout);
    }

    Outcome forwardEvent(String instance, String event, String object, Map<String, Object> payload, Duration timeout) {
        return forwarder.forward(ForwardedCommands.event(instance, event, object, payload), timeout);
    }

    private static String engineName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /** Stops serving, then gives leadership up (a standby takes over within a second or so). */
    @Override
    public void close() {
        engine.standDown();
        intake.close();
        leadership.close();
        signals.close();
    }
}
