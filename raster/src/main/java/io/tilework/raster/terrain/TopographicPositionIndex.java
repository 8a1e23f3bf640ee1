package io.tilework.raster.terrain;

/**
 * {@code gdaldem TPI}: a pixel's elevation minus the mean of its eight neighbours (Weiss 2001,
 * radius one pixel). Positive on ridges, negative in valleys. Float32, nodata -9999.
 *
 * @param computeEdges {@code -compute_edges}
 */
public record TopographicPositionIndex(boolean computeEdges) implements TerrainOperation {

    /** gdaldem's defaults: no edges. */
    public static TopographicPositionIndex defaults() {
        return new TopographicPositionIndex(false);
    }

    public TopographicPositionIndex withComputeEdges(boolean value) {
        return new TopographicPositionIndex(value);
    }

    @Override
    public void apply(DemTile in, float[] out) {
        Neighbourhood.apply(in, computeEdges, FLOAT_NO_DATA,
                w -> w[4] - ((w[0] + w[1] + w[2] + w[3] + w[5] + w[6] + w[7] + w[8]) * 0.125f), out);
    }
}
