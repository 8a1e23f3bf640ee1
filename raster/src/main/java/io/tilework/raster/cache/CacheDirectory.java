package io.tilework.raster.cache;

import io.tilework.engine.TaskKey;
import io.tilework.engine.event.EngineListener;
import io.tilework.engine.io.AtomicFile;
import io.tilework.engine.io.Leftovers;
import io.tilework.engine.store.DiskChunkStore;
import io.tilework.raster.failure.CacheConflict;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cache directory of one recipe: {@code recipe.properties}, which says what the tiles are
 * (grid, bands, type), and {@code tiles/}, an engine chunk store (checksummed entries, atomic
 * writes, safe for several processes). A directory that describes another grid, band count or type
 * is an error rather than something to delete silently: it may be someone else's cache.
 */
public final class CacheDirectory implements AutoCloseable {

    static final String METADATA = "recipe.properties";
    /** What must match for the tiles to be reused; name, version and parameters are in every key instead. */
    private static final Set<String> LAYOUT_KEYS = Set.of("geotransform", "width", "height", "bands", "type");

    private final Path path;
    private final DiskChunkStore store;
    private final boolean overwrite;
    /** With overwrite: the keys this process has written; older entries are not served. */
    private final Set<TaskKey> rewritten = ConcurrentHashMap.newKeySet();

    private CacheDirectory(Path path, DiskChunkStore store, boolean overwrite) {
        this.path = path;
        this.store = store;
        this.overwrite = overwrite;
    }

    /**
     * Opens or creates {@code path} for tiles described by {@code metadata}.
     *
     * @param what      what the tiles are of, for people: "terrain.slope of /data/dem.tif"
     * @param overwrite recompute and rewrite every tile once instead of reading old ones
     * @throws CacheConflict if the directory holds tiles of another layout
     */
    public static CacheDirectory open(Path folder, Map<String, String> metadata, String what, boolean overwrite, EngineListener listener) {
        Path path = folder.toAbsolutePath().normalize(); // "c" and "./c" are one folder, shared by the recipes caching there
        Path file = path.resolve(METADATA);
        try {
            Files.createDirectories(path);
            Leftovers.sweep(path); // its tiles/ folder is swept by the chunk store
            if (Files.exists(file)) {
                checkLayout(file, metadata, what);
            }
            writeMetadata(file, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the cache directory " + path + ": " + e.getMessage(), e);
        }
        return new CacheDirectory(path, DiskChunkStore.open(path.resolve("tiles"), Long.MAX_VALUE / 4, listener), overwrite);
    }

    private static void checkLayout(Path file, Map<String, String> expected, String what) throws IOException {
        var found = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            found.load(reader);
        }
        var differences = new TreeMap<String, String>();
        for (String key : LAYOUT_KEYS) {
            String was = found.getProperty(key);
            if (!expected.get(key).equals(was)) {
                differences.put(key, "cached " + was + ", recipe " + expected.get(key));
            }
        }
        if (!differences.isEmpty()) {
            throw new CacheConflict("the cache directory " + file.getParent() + " holds the tiles of another raster than " + what
                    + " " + differences + "; give it another cache directory, or delete that one if it is no longer needed");
        }
    }

    private static void writeMetadata(Path file, Map<String, String> metadata) throws IOException {
        var properties = new Properties();
        properties.putAll(metadata);
        AtomicFile.write(file, out -> {
            var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            properties.store(writer, "Tilework recipe cache");
        });
    }

    public Path path() {
        return path;
    }

    Optional<byte[]> get(TaskKey key) {
        if (overwrite && !rewritten.contains(key)) {
            return Optional.empty();
        }
        return store.get(key);
    }

    void put(TaskKey key, byte[] value) {
        store.put(key, value);
        if (overwrite) {
            rewritten.add(key);
        }
    }

    long sizeBytes() {
        return store.sizeBytes();
    }

    @Override
    public void close() {
        store.close();
    }
}
