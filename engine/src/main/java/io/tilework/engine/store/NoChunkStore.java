package io.tilework.engine.store;

import io.tilework.engine.TaskKey;
import java.util.Objects;
import java.util.Optional;

/** {@link ChunkStore#none()}: keeps nothing and reports nothing. */
enum NoChunkStore implements ChunkStore {
    INSTANCE;

    @Override
    public Optional<byte[]> get(TaskKey key) {
        Objects.requireNonNull(key, "key");
        return Optional.empty();
    }

    @Override
    public void put(TaskKey key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public long sizeBytes() {
        return 0;
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "ChunkStore.none()";
    }
}
