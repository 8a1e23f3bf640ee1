package io.tilework.engine.job;

import io.tilework.engine.CancellationToken;
import io.tilework.engine.Engine;

/**
 * What a running job gets: the engine (its pools, store and budget), a place to report progress
 * and the token that says the job was cancelled.
 */
public record JobContext(Engine engine, Progress progress, CancellationToken cancellation) {

    /** Receives a job's progress; progress bars and the dashboard implement it. */
    @FunctionalInterface
    public interface Progress {

        /** {@code done} of {@code total} units ({@code total} 0 when unknown), with a short message. */
        void update(long done, long total, String message);

        Progress NONE = (done, total, message) -> { };
    }
}
