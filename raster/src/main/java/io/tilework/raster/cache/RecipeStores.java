package io.tilework.raster.cache;

import io.tilework.engine.TaskKey;
import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.store.ChunkStore;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's chunk store for a raster session: each cached recipe keeps its tiles in its own
 * cache directory, so entries are routed by the key's recipe name; keys of other recipes are not
 * stored. Counts hits, misses and corrupt entries for reports.
 */
public final class RecipeStores implements ChunkStore {

    private final Map<String, CacheDirectory> byRecipe = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private volatile Consumer<EngineEvent> engine = event -> { };

    /** Where the counted events go too: the engine's metrics and listeners (progress, run reports, the dashboard). */
    public void reportTo(Consumer<EngineEvent> events) {
        this.engine = events;
    }

    /** Routes {@code recipe}'s keys to {@code directory}; one directory per recipe name. */
    public void register(String recipe, CacheDirectory directory) {
        CacheDirectory previous = byRecipe.putIfAbsent(recipe, directory);
        if (previous != null) {
            directory.close(); // the registered one serves
            if (!previous.path().equals(directory.path())) {
                throw new IllegalArgumentException("recipe '" + recipe + "' already caches in " + previous.path()
                        + "; one recipe name, one cache directory");
            }
        }
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
        CacheDirectory directory = byRecipe.get(key.recipe());
        return directory == null ? Optional.empty() : directory.get(key);
    }

    @Override
    public void put(TaskKey key, byte[] value) {
        CacheDirectory directory = byRecipe.get(key.recipe());
        if (directory != null) {
            directory.put(key, value);
        }
    }

    @Override
    public long sizeBytes() {
        return byRecipe.values().stream().mapToLong(CacheDirectory::sizeBytes).sum();
    }

    @Override
    public void close() {
        byRecipe.values().forEach(CacheDirectory::close);
    }
}
