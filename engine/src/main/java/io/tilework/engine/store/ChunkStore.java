package io.tilework.engine.store;

import io.tilework.engine.TaskKey;
import java.util.Optional;

/**
 * Results of tasks, persisted under their content key. Because a {@link TaskKey} names what was
 * computed (recipe, version, parameters, chunk), an entry never goes stale: a changed recipe has
 * new keys. Entries may disappear at any time, so every caller must be able to recompute.
 *
 * <p>Implementations are thread-safe. Events go to the store's listener on the calling thread.
 */
public interface ChunkStore extends AutoCloseable {

    /**
     * The verified bytes stored under key, or empty when absent. A corrupt entry is deleted,
     * reported as {@code CacheCorrupt}, and reads as empty (so the caller recomputes). Emits
     * {@code CacheHit} or {@code CacheMiss}.
     *
     * @throws IllegalStateException if the store is closed
     */
    Optional<byte[]> get(TaskKey key);

    /**
     * Stores value under key atomically: readers (in this or other processes) see the old entry,
     * no entry, or the whole new one — never part of one. Concurrent puts of the same key from
     * several processes are safe. May evict least-recently-used entries to stay under the quota
     * (emits {@code Evicted}).
     *
     * @throws java.io.UncheckedIOException if the entry cannot be written; the store is unchanged
     * @throws IllegalStateException if the store is closed
     */
    void put(TaskKey key, byte[] value);

    /** Bytes the store's entries take on disk, as this process last counted them. */
    long sizeBytes();

    /** Ends this process's use of the store; the entries stay. Idempotent. */
    @Override
    void close();

    /** A store that keeps nothing (every get is a miss, emits nothing). */
    static ChunkStore none() {
        return NoChunkStore.INSTANCE;
    }
}
