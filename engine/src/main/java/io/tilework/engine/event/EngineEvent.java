package io.tilework.engine.event;

import io.tilework.engine.TaskKey;

/**
 * A state change in the engine. Listeners (progress bars, metrics, the dashboard) receive them
 * on the thread that made the change, so they must be quick and must not block.
 */
public sealed interface EngineEvent {

    /** A task's inputs are ready and it waits for a slot in its pool. */
    record Queued(TaskKey key, String pool) implements EngineEvent {
    }

    /** A task started running (attempt 1 on the first try). */
    record Started(TaskKey key, String pool, int attempt) implements EngineEvent {
    }

    /** A task finished; {@code bytes} is its result's estimated size. */
    record Finished(TaskKey key, String pool, long nanos, long bytes) implements EngineEvent {
    }

    /** A task failed; {@code willRetry} tells whether the retry policy runs it again. */
    record Failed(TaskKey key, String pool, int attempt, Throwable cause, boolean willRetry) implements EngineEvent {
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
