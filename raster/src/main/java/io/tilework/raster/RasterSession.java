package io.tilework.raster;

import io.tilework.engine.Engine;
import io.tilework.gdal.Gdal;
import io.tilework.gdal.raster.DatasetPool;
import io.tilework.raster.cache.RecipeStores;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * What the rasters of one program share: the engine that computes their tiles, a pool of open
 * file handles (a bound on open files, one handle per thread at a time), and the cache
 * directories of cached recipes. Close it when done; it closes the engine it made, and leaves an
 * engine it was given ({@link #on}) open.
 */
public final class RasterSession implements AutoCloseable {

    private final Engine engine;
    private final DatasetPool files;
    private final RecipeStores stores;
    private final int defaultLookahead;
    /** Whether the engine was built here, with {@link #stores} as its chunk store. */
    private final boolean ownsEngine;

    private RasterSession(Engine engine, RecipeStores stores, int maxOpenFiles, boolean ownsEngine) {
        this.engine = engine;
        this.stores = stores;
        this.ownsEngine = ownsEngine;
        this.files = new DatasetPool(maxOpenFiles);
        this.defaultLookahead = 2 * Runtime.getRuntime().availableProcessors();
    }

    /** A session with its own engine (default pools, a quarter of the heap as budget). */
    public static RasterSession create() {
        return create(Engine.builder());
    }

    /**
     * A session whose engine is built from {@code engine} (pools, budget, listeners). With a
     * {@link io.tilework.engine.pool.RemotePool} as its "cpu" pool (a cluster's), the tiles of
     * terrain and NDVI recipes over files are computed by workers (see {@link RasterFunctions}).
     */
    public static RasterSession create(Engine.Builder engine) {
        Gdal.initialize();
        var stores = new RecipeStores();
        Engine built = engine.store(stores).build();
        stores.reportTo(built::reportCacheUse);
        return new RasterSession(built, stores, 64, true);
    }

    /**
     * A session on an engine built by someone else (a job's, the server's per run), which it
     * does not close. That engine's chunk store is not this session's, so cached recipes read and
     * write their cache directories in their own tasks (see {@link Recipe}) instead of through
     * the engine's store lookups.
     */
    public static RasterSession on(Engine engine) {
        Gdal.initialize();
        var stores = new RecipeStores();
        stores.reportTo(engine::reportCacheUse);
        return new RasterSession(engine, stores, 64, false);
    }

    /** Opens a raster file through GDAL (read-only). */
    public FileRaster open(Path file) {
        return FileRaster.open(this, file);
    }

    /** A raster held in memory: a copy of {@code pixels}, with {@code noData} (if any) for every band. */
    public MemoryRaster memory(Tile pixels, OptionalDouble noData, String crsWkt) {
        return MemoryRaster.of(this, pixels, noData, crsWkt);
    }

    /** Starts describing a recipe: a raster computed tile by tile from other rasters. */
    public Recipe.Builder recipe(String name, int version) {
        return Recipe.builder(this, name, version);
    }

    public Engine engine() {
        return engine;
    }

    DatasetPool files() {
        return files;
    }

    RecipeStores stores() {
        return stores;
    }

    /** Whether the engine looks cached tiles up in this session's stores itself. */
    boolean engineUsesStores() {
        return ownsEngine;
    }

    /** Cache tiles read back from cache directories so far. */
    public long cacheHits() {
        return stores.hits();
    }

    /** Cache tiles looked for and not found (then computed) so far. */
    public long cacheMisses() {
        return stores.misses();
    }

    public int defaultLookahead() {
        return defaultLookahead;
    }

    @Override
    public void close() {
        if (ownsEngine) {
            engine.close(); // closes its store, the cache directories
        } else {
            stores.close();
        }
        files.close();
    }
}
