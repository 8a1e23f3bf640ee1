package io.tilework.raster;

import io.tilework.gdal.raster.GeoTransform;
import io.tilework.raster.failure.RasterInputInvalid;
import io.tilework.raster.footprint.Footprint;
import io.tilework.raster.footprint.PixelRect;
import io.tilework.raster.terrain.DemTile;
import io.tilework.raster.terrain.Ndvi;
import io.tilework.raster.terrain.TerrainOperation;
import io.tilework.raster.terrain.TerrainOperations;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Recipes for gdaldem's terrain operations and for NDVI: each computation tile reads its DEM
 * tile with a one-pixel halo and tells the operation which sides of the halo lie beyond the
 * raster, so that tiled results equal gdaldem's whole-raster ones. Over files, their tiles can
 * be computed by other JVMs when the session's "cpu" pool is remote: each describes itself for
 * {@link RasterFunctions} (the operation, its options, the paths, the tile), which rebuilds the
 * recipe with these same methods.
 */
public final class TerrainRecipes {

    /** Bump when a change to the terrain code changes its output: every cached tile is then recomputed. */
    static final int VERSION = 1;

    private TerrainRecipes() {
    }

    /**
     * The gdaldem {@code mode} with {@code options} (gdaldem's syntax, e.g. "-alg ZevenbergenThorne
     * -p") over band 1 of {@code dem}, in tiles of {@code tileSize}; cached in {@code cache}
     * unless it is null.
     */
    public static Recipe terrain(RasterSession session, Raster dem, String mode, List<String> options, int tileSize,
                                 Path cache, boolean overwrite) {
        TerrainOperation operation = TerrainOperations.parse(mode, options);
        GeoTransform transform = dem.footprint().geoTransform();
        var builder = session.recipe("terrain." + mode.toLowerCase(java.util.Locale.ROOT), VERSION)
                .parameters(operation.toString())
                .dataType(operation.outputType())
                .noData(operation.outputNoData())
                .input("dem", dem, footprint -> footprint.dilate(1), 0) // band 1, as gdaldem reads by default
                .computationTiles(tileSize)
                .cacheTiles(tileSize)
                .overwrite(overwrite);
        if (cache != null) {
            builder.cache(cache);
        }
        if (dem instanceof FileRaster file) { // a worker can open the same file by its path
            var remote = new LinkedHashMap<String, String>();
            remote.put(RasterFunctions.RECIPE, "terrain");
            remote.put(RasterFunctions.MODE, mode);
            remote.put(RasterFunctions.OPTIONS, Integer.toString(options.size()));
            for (int i = 0; i < options.size(); i++) {
                remote.put(RasterFunctions.OPTIONS + "." + i, options.get(i));
            }
            remote.put("dem", file.path().toString());
            remote.put(RasterFunctions.TILE_SIZE, Integer.toString(tileSize));
            builder.remote(remote);
        }
        return builder.compute(request -> {
            Footprint tile = request.footprint();
            PixelRect at = tile.sliceIn(dem.footprint());
            DemTile input = new DemTile(request.input("dem").floats(0), tile.width(), tile.height(),
                    at.x() == 0, at.y() == 0, at.x() + at.width() == dem.footprint().width(),
                    at.y() + at.height() == dem.footprint().height(), dem.noData(0),
                    transform.pixelWidth(), transform.pixelHeight(), dem.dataType());
            float[] out = new float[Math.toIntExact(tile.pixelCount())];
            operation.apply(input, out);
            return new float[][] {out};
        });
    }

    /** NDVI, (nir - red) / (nir + red), from band 1 of each raster (on the same grid). */
    public static Recipe ndvi(RasterSession session, Raster red, Raster nir, int tileSize, Path cache, boolean overwrite) {
        if (!red.footprint().equalsWithin(nir.footprint(), 1e-6)) {
            throw new RasterInputInvalid("the red and near-infrared rasters must share one grid: " + red.footprint()
                    + " and " + nir.footprint());
        }
        Ndvi ndvi = Ndvi.of(red.noData(0), nir.noData(0));
        var builder = session.recipe("ndvi", VERSION).parameters(ndvi.toString()).dataType(ndvi.outputType())
                .noData(ndvi.outputNoData()).input("red", red, UnaryOperator.identity(), 0).input("nir", nir, UnaryOperator.identity(), 0)
                .computationTiles(tileSize).cacheTiles(tileSize)
                .overwrite(overwrite);
        if (cache != null) {
            builder.cache(cache);
        }
        if (red instanceof FileRaster redFile && nir instanceof FileRaster nirFile) {
            builder.remote(Map.of(RasterFunctions.RECIPE, "ndvi", "red", redFile.path().toString(), "nir", nirFile.path().toString(),
                    RasterFunctions.TILE_SIZE, Integer.toString(tileSize)));
        }
        return builder.compute(request -> {
            float[] out = new float[Math.toIntExact(request.footprint().pixelCount())];
            ndvi.apply(request.input("red").floats(0), request.input("nir").floats(0), out);
            return new float[][] {out};
        });
    }
}
