package io.tilework.server.rasters;

import io.tilework.engine.Engine;
import io.tilework.engine.TaskKey;
import io.tilework.gdal.Gdal;
import io.tilework.gdal.GdalException;
import io.tilework.raster.FileRaster;
import io.tilework.raster.Raster;
import io.tilework.raster.RasterSession;
import io.tilework.raster.Recipe;
import io.tilework.raster.TerrainRecipes;
import io.tilework.raster.failure.CacheConflict;
import io.tilework.raster.failure.RasterFailure;
import io.tilework.server.api.ApiFailure;
import io.tilework.server.security.DataRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The rasters clients opened, by id, over one {@link RasterSession} for the whole server (made on
 * the first open, so a server nobody reads rasters from never loads GDAL). Ids are digests of the
 * rasters' identities (for a recipe with its tile size and cache folder): opening the same file or
 * recipe twice gives the same id, and a file that changed on disk gets a new one. At most {@link #MAX_OPEN} are kept; the least recently used
 * is dropped (a client that still holds its id opens it again).
 */
public final class OpenRasters implements AutoCloseable {

    public static final int MAX_OPEN = 256;
    public static final int DEFAULT_TILE_SIZE = 512;

    private final DataRoot root;
    private final Supplier<Engine.Builder> engines;
    private final Map<String, OpenRaster> byId = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OpenRaster> eldest) {
            return size() > MAX_OPEN;
        }
    };
    private RasterSession session;
    private boolean closed;

    /** @param engines builds the session's engine: the server's pools, budget and metrics listener */
    public OpenRasters(DataRoot root, Supplier<Engine.Builder> engines) {
        this.root = root;
        this.engines = engines;
    }

    /** Opens {@code path} (relative to the data root) with GDAL. */
    public synchronized OpenRaster openFile(String path) {
        Path file = root.resolve(path, "path");
        if (!Files.isRegularFile(file)) {
            throw ApiFailure.notFound(path + ": no such file under the data root; give a raster file's path relative to it");
        }
        String name = root.relative(file);
        FileRaster raster;
        try {
            raster = session().open(file);
        } catch (RasterFailure e) {
            throw ApiFailure.badRequest(hidingRoot(e.getMessage()));
        } catch (java.io.UncheckedIOException e) {
            throw ApiFailure.badRequest(hidingRoot(e.getMessage()));
        } catch (GdalException e) {
            if (!e.causedByInput()) {
                throw e;
            }
            throw ApiFailure.badRequest(name + ": GDAL cannot read it as a raster (" + hidingRoot(e.getMessage())
                    + "); give a raster file (GeoTIFF, ...)");
        }
        return register("file", name, raster, raster.blockWidth(), "");
    }

    /**
     * Opens a recipe over rasters opened before: a gdaldem terrain {@code mode} over one input, or
     * {@code ndvi} over red and near-infrared; cached under {@code cache} (relative to the data
     * root, created if absent) unless it is null.
     */
    public synchronized OpenRaster openRecipe(String mode, List<String> inputIds, List<String> options, String cache, int tileSize) {
        if (tileSize < 16 || tileSize % 16 != 0) {
            throw ApiFailure.badRequest("tileSize is " + tileSize + ": give a positive multiple of 16 (default " + DEFAULT_TILE_SIZE + ")");
        }
        List<OpenRaster> inputs = inputIds.stream().map(this::get).toList();
        boolean ndvi = mode.equalsIgnoreCase("ndvi");
        int wanted = ndvi ? 2 : 1;
        if (inputs.size() != wanted) {
            throw ApiFailure.badRequest("recipe " + mode + " takes " + (ndvi ? "2 inputs (red, then near-infrared)" : "1 input (the DEM)")
                    + ", not " + inputs.size() + "; give the ids of rasters opened before in \"inputs\"");
        }
        if (ndvi && !options.isEmpty()) {
            throw ApiFailure.badRequest("recipe ndvi takes no options, not " + options);
        }
        Path cacheFolder = cache == null ? null : root.resolveOutput(cache, "cache");
        Recipe recipe;
        try {
            recipe = ndvi
                    ? TerrainRecipes.ndvi(session(), inputs.get(0).raster(), inputs.get(1).raster(), tileSize, cacheFolder, false)
                    : TerrainRecipes.terrain(session(), inputs.getFirst().raster(), mode, options, tileSize, cacheFolder, false);
        } catch (CacheConflict e) { // the same recipe caching in another folder, or a folder holding another raster's tiles
            throw ApiFailure.conflict(hidingRoot(e.getMessage()));
        } catch (RasterFailure e) {
            throw ApiFailure.badRequest(hidingRoot(e.getMessage()));
        } catch (java.io.UncheckedIOException e) { // a cache folder that cannot be made (a file of that name, no permission)
            throw ApiFailure.badRequest(hidingRoot(e.getMessage()) + "; give another cache folder");
        }
        String name = recipe.name() + " of " + inputs.stream().map(OpenRaster::name).collect(Collectors.joining(" and "));
        // the same recipe with another tile size or cache folder is served by another object: its own id
        return register("recipe", name, recipe, tileSize, "|tiles " + tileSize + "|cache " + cacheFolder);
    }

    /** The raster opened under {@code id}; 404 when there is none (never opened, or dropped). */
    public synchronized OpenRaster get(String id) {
        OpenRaster open = byId.get(id);
        if (open == null) {
            throw ApiFailure.notFound("no raster " + id + " is open (never opened, or dropped after " + MAX_OPEN
                    + " others); open it again with POST /api/rasters");
        }
        return open;
    }

    /** Closes the session: its engine (running reads are cancelled), file handles and cache folders. */
    @Override
    public synchronized void close() {
        closed = true;
        byId.clear();
        if (session != null) {
            session.close();
        }
    }

    /** {@code opening}: what else makes it another raster to serve (a recipe's tile size and cache folder). */
    private OpenRaster register(String kind, String name, Raster raster, int tileSize, String opening) {
        String id = "r-" + TaskKey.digest(raster.identity() + opening);
        return byId.computeIfAbsent(id, key -> new OpenRaster(key, kind, name, raster, tileSize));
    }

    private RasterSession session() {
        if (closed) {
            throw new ApiFailure(503, "the server is stopping; open the raster again once it runs");
        }
        if (session == null) {
            try {
                Gdal.initialize();
            } catch (GdalException e) {
                throw new ApiFailure(503, "GDAL cannot be loaded on this server (" + e.getMessage()
                        + "); install GDAL 3.4 or newer (Debian: gdal-bin) and restart it");
            }
            session = RasterSession.create(engines.get());
        }
        return session;
    }

    /** {@code message} without the data root's place on the server: clients see paths relative to it. */
    String hidingRoot(String message) {
        return message == null ? "" : message.replace(root.path() + "/", "").replace(root.path().toString(), ".");
    }
}
