package io.tilework.process.engine;

import io.tilework.process.store.OutboxEntry;
import java.util.concurrent.CompletionStage;

/**
 * Delivers the outbox entries addressed to one actor of a specification (worker, participant,
 * engine, or one an application registers). Delivery is at least once: an entry is delivered
 * again after a crash until it is acknowledged, so handlers use {@link OutboxEntry#key()} to
 * recognise repeats. The returned stage completes when the entry is acknowledged; if it fails,
 * the entry is delivered again after a back-off.
 */
@FunctionalInterface
public interface DeliveryHandler {

    CompletionStage<?> deliver(OutboxEntry entry, EngineContext engine) throws Exception;

    /**
     * Fails a delivery that must wait for another one to be acknowledged first: it is tried again
     * shortly (every {@value Dispatcher#NOT_YET_DELAY_MS} ms), without the back-off and warnings of a failure.
     */
    final class NotYet extends RuntimeException {
        public NotYet(String why) {
            super(why, null, false, false);
        }
    }
}
