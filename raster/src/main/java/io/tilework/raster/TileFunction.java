package io.tilework.raster;

import io.tilework.engine.CancellationToken;
import io.tilework.raster.footprint.Footprint;

/**
 * What a recipe computes for one computation tile: one row-major array per output band, either
 * {@code float[]} (stored in the recipe's type as GDAL would store the floats) or the recipe's
 * type's own carrier ({@code double[]} for Float64, {@code int[]} for Int32, ...), taken as it is.
 */
@FunctionalInterface
public interface TileFunction {

    Object[] compute(Request request) throws Exception;

    /** The tile to compute and the input tiles it needs, each over its converted footprint. */
    interface Request {
        Footprint footprint();

        /** The input {@code name} over this tile's footprint as that input's conversion made it. */
        Tile input(String name);

        /** The input raster itself (e.g. to know where its edges are). */
        Raster inputRaster(String name);

        CancellationToken cancellation();
    }
}
