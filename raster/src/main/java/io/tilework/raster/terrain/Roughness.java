package io.tilework.raster.terrain;

/**
 * {@code gdaldem roughness}: the largest elevation difference within a pixel's 3 x 3 window
 * (Wilson et al. 2007, after Dartnell 2000). Float32, nodata -9999.
 *
 * @param computeEdges {@code -compute_edges}
 */
public record Roughness(boolean computeEdges) implements TerrainOperation {

    /** gdaldem's defaults: no edges. */
    public static Roughness defaults() {
        return new Roughness(false);
    }

    public Roughness withComputeEdges(boolean value) {
        return new Roughness(value);
    }

    @Override
    public void apply(DemTile in, float[] out) {
        Neighbourhood.apply(in, computeEdges, FLOAT_NO_DATA, Roughness::range, out);
    }

    /** With gdaldem's comparisons, so a NaN neighbour is skipped unless it comes first. */
    private static float range(float[] w) {
        float min = w[0];
        float max = w[0];
        for (int k = 1; k < 9; k++) {
            if (w[k] > max) {
                max = w[k];
            }
            if (w[k] < min) {
                min = w[k];
            }
        }
        return max - min;
    }
}
