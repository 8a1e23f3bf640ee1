package io.tilework.engine;

import java.util.concurrent.CancellationException;

/**
 * Tells a running task that nobody wants its result any more. Long tasks should check it between
 * steps; the engine discards whatever a cancelled task returns.
 */
public interface CancellationToken {

    boolean isCancelled();

    /** Throws {@link CancellationException} once cancelled: a convenient check between steps. */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("task cancelled: no stream or task wants its result any more");
        }
    }

    /** A token that is never cancelled. */
    CancellationToken NONE = () -> false;
}
