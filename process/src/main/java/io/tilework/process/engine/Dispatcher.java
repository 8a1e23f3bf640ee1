package io.tilework.process.engine;

import io.tilework.process.store.OutboxEntry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands committed outbox entries to the handler of their actor, on virtual threads, and delivers
 * again with exponential back-off (1 s doubling to 1 min) when a handler fails.
 */
final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long MAX_BACKOFF_MS = 60_000;
    static final long NOT_YET_DELAY_MS = 50;

    private final Map<String, DeliveryHandler> handlers;
    private final Map<String, DeliveryHandler> byKind;
    private final java.util.function.Function<OutboxEntry, String> kindOf;
    private final EngineContext engine;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tilework-process-retries");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<String> unknownActors = ConcurrentHashMap.newKeySet();
    private final Set<String> delivering = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** A standby delivers nothing: the active engine delivers the outbox (what is in flight is left to finish or fail). */
    private volatile boolean paused;

    /**
     * @param handlers by actor name, tried first
     * @param byKind   by actor kind (person, role, application, engine), for actors with no handler of their own
     * @param kindOf   the kind of an entry's actor, from its instance's specification
     */
    Dispatcher(Map<String, DeliveryHandler> handlers, Map<String, DeliveryHandler> byKind,
               java.util.function.Function<OutboxEntry, String> kindOf, EngineContext engine) {
        this.handlers = Map.copyOf(handlers);
        this.byKind = Map.copyOf(byKind);
        this.kindOf = kindOf;
        this.engine = engine;
    }

    void deliver(OutboxEntry entry) {
        if (!delivering.add(entry.key())) {
            return;
        }
        inFlight.incrementAndGet();
        workers.execute(() -> attempt(entry, 1));
    }

    /** EngineContext handed out and not yet acknowledged (including those waiting to be retried). */
    int inFlight() {
        return inFlight.get();
    }

    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
    }

    private void attempt(OutboxEntry entry, int attempt) {
        if (closed) {
            return;
        }
        if (paused) {
            done(entry); // still in the store: the active engine delivers it
            return;
        }
        DeliveryHandler handler = handlers.get(entry.actor());
        if (handler == null) {
            try {
                handler = byKind.get(kindOf.apply(entry));
            } catch (RuntimeException e) {
                LOG.warn("cannot tell the kind of actor '{}' of instance {}: {}", entry.actor(), entry.instance(), e.getMessage());
            }
        }
        if (handler == null) {
            if (unknownActors.add(entry.actor())) {
                LOG.error("no delivery handler for actor '{}' (operation {} of instance {}); its messages stay in the outbox. Handlers: {} and by kind {}",
                        entry.actor(), entry.operation(), entry.instance(), handlers.keySet(), byKind.keySet());
            }
            done(entry);
            return;
        }
        try {
            handler.deliver(entry, engine).whenComplete((ignored, failure) -> {
                if (failure == null) {
                    done(entry);
                } else {
                    retry(entry, attempt, failure);
                }
            });
        } catch (Exception | Error e) {
            retry(entry, attempt, e);
        }
    }

    private void done(OutboxEntry entry) {
        delivering.remove(entry.key());
        inFlight.decrementAndGet();
    }

    private void retry(OutboxEntry entry, int attempt, Throwable failure) {
        if (closed) {
            return;
        }
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof DeliveryHandler.NotYet) {
            LOG.debug("{} {} of instance {} waits: {}", entry.operation(), entry.key(), entry.instance(), cause.getMessage());
            retries.schedule(() -> workers.execute(() -> attempt(entry, attempt)), NOT_YET_DELAY_MS, TimeUnit.MILLISECONDS);
            return;
        }
        long delay = Math.min(MAX_BACKOFF_MS, 1000L << Math.min(attempt - 1, 16));
        LOG.warn("delivering {} {} of instance {} to {} failed (attempt {}), trying again in {} ms: {}", entry.operation(), entry.key(),
                entry.instance(), entry.actor(), attempt, delay, failure.toString());
        retries.schedule(() -> workers.execute(() -> attempt(entry, attempt + 1)), delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        workers.shutdownNow();
    }
}
