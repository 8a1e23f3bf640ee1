/**
 * Persisted task results, keyed by {@link io.tilework.engine.TaskKey}: start with
 * {@link io.tilework.engine.store.ChunkStore}, open one on disk with
 * {@link io.tilework.engine.store.DiskChunkStore#open DiskChunkStore.open(directory, quota, listener)}
 * or use {@link io.tilework.engine.store.ChunkStore#none()} to keep nothing.
 *
 * <p>A store is a cache: anything in it can vanish (eviction, corruption, another process) and the
 * caller then recomputes. What it guarantees is that a read returns either nothing or exactly
 * the bytes some {@code put} stored under that key, even when several processes (or cluster
 * members on a shared file system) use one directory at once. The design notes are on
 * {@link io.tilework.engine.store.DiskChunkStore}.
 */
package io.tilework.engine.store;
