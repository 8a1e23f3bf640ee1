package io.tilework.raster.terrain;

import java.util.Objects;

/**
 * {@code gdaldem TRI}: how much a pixel differs in elevation from its eight neighbours.
 * Float32, nodata -9999.
 *
 * @param algorithm    {@code -alg}; gdaldem's default since GDAL 3.3, and so in 3.6, is Riley
 * @param computeEdges {@code -compute_edges}
 */
public record TerrainRuggednessIndex(Algorithm algorithm, boolean computeEdges) implements TerrainOperation {

    /** The two definitions gdaldem offers. */
    public enum Algorithm {
        /**
         * Riley et al. (1999), for terrestrial DEMs: the square root of the sum of squared
         * differences.
         */
        RILEY("Riley"),
        /** Wilson et al. (2007), for bathymetry: the mean absolute difference. */
        WILSON("Wilson");

        private final String gdalName;

        Algorithm(String gdalName) {
            this.gdalName = gdalName;
        }

        /** The name gdaldem's {@code -alg} takes. */
        public String gdalName() {
            return gdalName;
        }
    }

    public TerrainRuggednessIndex {
        Objects.requireNonNull(algorithm, "algorithm");
    }

    /** gdaldem 3.6's defaults: Riley, no edges. */
    public static TerrainRuggednessIndex defaults() {
        return new TerrainRuggednessIndex(Algorithm.RILEY, false);
    }

    public TerrainRuggednessIndex withAlgorithm(Algorithm value) {
        return new TerrainRuggednessIndex(value, computeEdges);
    }

    public TerrainRuggednessIndex withComputeEdges(boolean value) {
        return new TerrainRuggednessIndex(algorithm, value);
    }

    @Override
    public void apply(DemTile in, float[] out) {
        Neighbourhood.WindowFunction function = algorithm == Algorithm.RILEY
                ? TerrainRuggednessIndex::riley
                : TerrainRuggednessIndex::wilson;
        Neighbourhood.apply(in, computeEdges, FLOAT_NO_DATA, function, out);
    }

    /** Differences in float, squares and their sum in double, in window order. */
    private static float riley(float[] w) {
        double sum = 0;
        for (int k = 0; k < 9; k++) {
            if (k != 4) {
                double difference = w[k] - w[4];
                sum += difference * difference;
            }
        }
        return (float) Math.sqrt(sum);
    }

    /** Absolute differences summed in float, in window order, then times 1/8. */
    private static float wilson(float[] w) {
        float sum = 0;
        for (int k = 0; k < 9; k++) {
            if (k != 4) {
                sum += Math.abs(w[k] - w[4]);
            }
        }
        return sum * 0.125f;
    }
}
