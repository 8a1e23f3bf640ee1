package io.tilework.raster.cache;

import io.tilework.engine.TaskKey;
import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.store.ChunkStore;
import io.tilework.raster.failure.CacheConflict;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's chunk store for a raster session: each cached recipe keeps its tiles in its cache
 * directory, so entries are routed by the key's recipe (its name and parameter digest); keys of
 * other recipes are not stored. Recipes given the same folder share one open directory (its
 * description must fit each of them); recipes of one name may cache in different folders (the
 * slopes of two DEMs, say). Counts hits, misses and corrupt entries for reports.
 */
public final class RecipeStores implements ChunkStore {

    private final Map<String, CacheDirectory> byRecipe = new ConcurrentHashMap<>();
    private final Map<java.nio.file.Path, CacheDirectory> byPath = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private volatile Consumer<EngineEvent> engine = event -> { };

    /** Where the counted events go too: the engine's metrics and listeners (progress, run reports, the dashboard). */
    public void reportTo(Consumer<EngineEvent> events) {
        this.engine = events;
    }

    /**
     * Routes the keys of recipe {@code recipe} with parameter digest {@code parameters} to {@code
     * directory}, or to the directory already open at its path (then {@code directory} is closed).
     *
     * @throws CacheConflict when that recipe already caches in another directory
     */
    public synchronized void register(String recipe, String parameters, CacheDirectory directory) {
        CacheDirectory open = byPath.putIfAbsent(directory.path(), directory);
        if (open == null) {
            open = directory;
        } else {
            directory.close(); // the one open serves
        }
        CacheDirectory previous = byRecipe.putIfAbsent(route(recipe, parameters), open);
        if (previous != null && !previous.path().equals(open.path())) {
            throw new CacheConflict("recipe " + recipe + " over these inputs with these parameters already caches in "
                    + previous.path() + "; give that folder (one recipe, one cache folder)");
        }
    }

    private static String route(String recipe, String parameters) {
        return recipe + "|" + parameters;
    }

    /** Receives the events of every cache directory. */
    public void count(EngineEvent event) {
        switch (event) {
            case EngineEvent.CacheHit hit -> hits.incrementAndGet();
            case EngineEvent.CacheMiss miss -> misses.incrementAndGet();
            case EngineEvent.CacheCorrupt bad -> corrupt.incrementAndGet();
            default -> { }
        }
        engine.accept(event);
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    public long corrupt() {
        return corrupt.get();
    }

    @Override
    public Optional<byte[]> get(TaskKey key) {
        CacheDirectory directory = byRecipe.get(route(key.recipe(), key.parameters()));
        return directory == null ? Optional.empty() : directory.get(key);
    }

    @Override
    public void put(TaskKey key, byte[] value) {
        CacheDirectory directory = byRecipe.get(route(key.recipe(), key.parameters()));
        if (directory != null) {
            directory.put(key, value);
        }
    }

    @Override
    public long sizeBytes() {
        return byPath.values().stream().mapToLong(CacheDirectory::sizeBytes).sum();
    }

    @Override
    public void close() {
        byPath.values().forEach(CacheDirectory::close);
    }
}
