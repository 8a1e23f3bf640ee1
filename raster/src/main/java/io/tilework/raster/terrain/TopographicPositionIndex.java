package io.tilework.raster.terrain;

import io.tilework.gdal.raster.DataType;
import java.util.OptionalDouble;

/**
 * {@code gdaldem TPI}: a pixel's elevation minus the mean of its eight neighbours (Weiss 2001,
 * radius one pixel). Positive on ridges, negative in valleys. Float32, nodata -9999.
 *
 * @param computeEdges {@code -compute_edges}
 */
public record TopographicPositionIndex(boolean computeEdges) implements TerrainOperation {

    public static final float NO_DATA = -9999f;

    /** gdaldem's defaults: no edges. */
    public static TopographicPositionIndex defaults() {
        return new TopographicPositionIndex(false);
    }

    public TopographicPositionIndex withComputeEdges(boolean value) {
        return new TopographicPositionIndex(value);
    }

    @Override
    public DataType outputType() {
        return DataType.FLOAT32;
    }

    @Override
    public OptionalDouble outputNoData() {
        return OptionalDouble.of(NO_DATA);
    }

    @Override
    public void apply(DemTile in, float[] out) {
        Neighbourhood.apply(in, computeEdges, NO_DATA,
                w -> w[4] - ((w[0] + w[1] + w[2] + w[3] + w[5] + w[6] + w[7] + w[8]) * 0.125f), out);
    }
}
