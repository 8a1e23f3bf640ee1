package io.tilework.engine.event;

import io.tilework.engine.TaskKey;
import java.util.List;

/**
 * A state change in the engine. Listeners (progress bars, metrics, the dashboard) receive them
 * on the thread that made the change, so they must be quick and must not block.
 */
public sealed interface EngineEvent {

    /** A task's inputs are ready and it waits for a slot in its pool. */
    record Queued(TaskKey key, String pool) implements EngineEvent {
    }

    /**
     * A task started running (attempt 1 on the first try), published by the thread that runs it just
     * before its function is called.
     *
     * @param lane   where it runs: the worker thread's name; the pool's name for a virtual thread (a new
     *               one per task, so its name says nothing) and for a {@link io.tilework.engine.pool.RemotePool},
     *               whose member is not known here
     * @param inputs the results it consumes, in order: each input's key and estimated size
     */
    record Started(TaskKey key, String pool, int attempt, String lane, List<Input> inputs) implements EngineEvent {

        public Started {
            inputs = List.copyOf(inputs);
        }

        /** One input a task consumes: what produced it and its estimated size in bytes. */
        public record Input(TaskKey key, long bytes) {
        }
    }

    /** A task finished; {@code bytes} is its result's estimated size; {@code lane} as in {@link Started}. */
    record Finished(TaskKey key, String pool, long nanos, long bytes, String lane) implements EngineEvent {
    }

    /**
     * A task failed; {@code willRetry} tells whether the retry policy runs it again; {@code lane} as in
     * {@link Started} (the thread that saw the failure).
     */
    record Failed(TaskKey key, String pool, int attempt, Throwable cause, boolean willRetry, String lane) implements EngineEvent {
    }

    /** Nobody wanted a task any more: it was dropped before starting, or told to stop. */
    record Cancelled(TaskKey key, boolean wasRunning) implements EngineEvent {
    }

    /** The chunk store had the result. */
    record CacheHit(TaskKey key, long bytes) implements EngineEvent {
    }

    /** The chunk store did not have the result. */
    record CacheMiss(TaskKey key) implements EngineEvent {
    }

    /** A stored result failed verification and was deleted; it will be recomputed. */
    record CacheCorrupt(TaskKey key, String reason) implements EngineEvent {
    }

    /** The store evicted an entry to stay under its quota. */
    record Evicted(String entryId, long bytes) implements EngineEvent {
    }

    /** Bytes held in memory (produced, not yet consumed) changed. */
    record BudgetChanged(long heldBytes, long budgetBytes) implements EngineEvent {
    }

    /** A pool's occupancy changed. */
    record PoolOccupancy(String pool, int running, int queued, int slots) implements EngineEvent {
    }
}
