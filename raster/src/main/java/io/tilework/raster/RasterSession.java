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
 * directories of cached recipes. Close it when done; it closes the engine it made.
 */
public final class RasterSession implements AutoCloseable {

    private final Engine engine;
    private final DatasetPool files;
    private final RecipeStores stores;
    private final int defaultLookahead;

    private RasterSession(Engine engine, RecipeStores stores, int maxOpenFiles) {
        this.engine = engine;
        this.stores = stores;
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
        return new RasterSession(engine.store(stores).build(), stores, 64);
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
        engine.close(); // closes its store, the cache directories
        files.close();
    }
}
