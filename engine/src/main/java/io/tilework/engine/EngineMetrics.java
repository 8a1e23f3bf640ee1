package io.tilework.engine;

import java.util.Map;

/**
 * A snapshot of the engine's state: tasks by state per pool, bytes held against the budget,
 * the chunk store's hit ratio, throughput since start.
 */
public record EngineMetrics(Map<String, PoolMetrics> pools, long heldBytes, long budgetBytes, long cacheHits,
                            long cacheMisses, long tasksCompleted, double tasksPerSecond) {

    /** Tasks of one pool by state; {@code completed}, {@code failed} and {@code cancelled} count since start. */
    public record PoolMetrics(int slots, int queued, int running, long completed, long failed, long cancelled) {
    }

    /** Hits over lookups, or 0 when nothing was looked up. */
    public double hitRatio() {
        long lookups = cacheHits + cacheMisses;
        return lookups == 0 ? 0 : (double) cacheHits / lookups;
    }
}
