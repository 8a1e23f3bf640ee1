package io.tilework.cluster;

import io.tilework.engine.store.ChunkStore;
import io.tilework.engine.store.DiskChunkStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chunk stores on the shared disk that large results go through, opened once per directory: a
 * worker puts a result in one, the coordinator reads it back from the same path.
 */
final class SharedStores implements AutoCloseable {

    /** Quota of these instances: the store's owner (the job's engine) evicts to the user's quota. */
    private static final long QUOTA = 1L << 40;

    private final Map<String, ChunkStore> byDirectory = new ConcurrentHashMap<>();

    ChunkStore at(String directory) {
        return byDirectory.computeIfAbsent(directory, d -> DiskChunkStore.open(Path.of(d), QUOTA, event -> { }));
    }

    @Override
    public void close() {
        byDirectory.values().forEach(ChunkStore::close);
    }
}
