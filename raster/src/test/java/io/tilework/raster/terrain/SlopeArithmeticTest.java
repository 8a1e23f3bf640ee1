package io.tilework.raster.terrain;

import io.tilework.gdal.raster.DataType;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slope's row kernels (SIMD-friendly passes, {@link AtanDegrees}) against gdaldem's formula
 * written out pixel by pixel, on interior tiles of every kind of float: the gdaldem comparisons
 * cover real terrain, this covers the corners (huge, tiny, subnormal, infinite and NaN
 * elevations, flat ground, resolutions and scales with and without exact inverses).
 */
@DisplayName("Slope's row kernels compute gdaldem's formula bit for bit on random interior tiles")
class SlopeArithmeticTest {

    private static final double[] RESOLUTIONS = {30, -30, 4.383544921875, -2.354736328125, 0.5, -0.25, 1 / 3600.0,
        1e-30, 1e30};
    private static final double[] SCALES = {1, 2, 0.5, 3, 111120, 1e-20};

    @ParameterizedTest(name = "elevations: {0}")
    @ValueSource(strings = {"terrain", "steep", "flat", "integers", "huge", "tiny", "any bits"})
    void interiorPixels_matchTheFormula(String kind) {
        Random random = new Random(kind.hashCode());
        for (int round = 0; round < 300; round++) {
            int width = 1 + random.nextInt(300);
            int height = 1 + random.nextInt(6);
            float[] values = new float[(width + 2) * (height + 2)];
            for (int i = 0; i < values.length; i++) {
                values[i] = elevation(kind, random, i % (width + 2), i / (width + 2));
            }
            double ewres = RESOLUTIONS[random.nextInt(RESOLUTIONS.length)];
            double nsres = RESOLUTIONS[random.nextInt(RESOLUTIONS.length)];
            DemTile tile = new DemTile(values, width, height, false, false, false, false, OptionalDouble.empty(),
                    ewres, nsres, DataType.FLOAT32);
            for (Gradient gradient : Gradient.values()) {
                for (boolean percent : new boolean[] {false, true}) {
                    Slope slope = new Slope(gradient, percent, SCALES[random.nextInt(SCALES.length)], random.nextBoolean());
                    float[] out = new float[width * height];
                    slope.apply(tile, out);
                    for (int row = 0; row < height; row++) {
                        for (int col = 0; col < width; col++) {
                            float expected = formula(slope, tile, col, row);
                            float actual = out[row * width + col];
                            if (Float.floatToIntBits(expected) != Float.floatToIntBits(actual)) {
                                throw new AssertionError(slope + " at " + col + ", " + row + " of a " + width + " x "
                                        + height + " " + kind + " tile (ewres " + ewres + ", nsres " + nsres + "): "
                                        + expected + " expected, " + actual + " computed");
                            }
                        }
                    }
                }
            }
        }
    }

    private static float elevation(String kind, Random random, int col, int row) {
        return switch (kind) {
            case "terrain" -> (float) (1200 + 300 * Math.sin(col / 17.0) * Math.cos(row / 3.0) + random.nextGaussian());
            case "steep" -> random.nextInt(20000) - 2000;
            case "flat" -> random.nextInt(50) == 0 ? 101.5f : 100.25f;
            case "integers" -> random.nextInt(7);
            case "huge" -> (float) (random.nextDouble() * 6e38 - 3e38);
            case "tiny" -> Float.intBitsToFloat(random.nextInt(0x01000000)) * (random.nextBoolean() ? 1 : -1);
            default -> Float.intBitsToFloat(random.nextInt());
        };
    }

    /** gdaldem's slope at one pixel, as the window path computes it. */
    private static float formula(Slope slope, DemTile tile, int col, int row) {
        float[] w = new float[9];
        for (int k = 0; k < 9; k++) {
            w[k] = tile.value(col + k % 3 - 1, row + k / 3 - 1);
        }
        double dx;
        double dy;
        double divisor;
        if (slope.gradient() == Gradient.HORN) {
            dx = ((w[0] + w[3] + w[3] + w[6]) - (w[2] + w[5] + w[5] + w[8])) / tile.xResolution();
            dy = ((w[6] + w[7] + w[7] + w[8]) - (w[0] + w[1] + w[1] + w[2])) / tile.yResolution();
            divisor = 8 * slope.scale();
        } else {
            dx = (w[3] - w[5]) / tile.xResolution();
            dy = (w[7] - w[1]) / tile.yResolution();
            divisor = 2 * slope.scale();
        }
        double tangent = Math.sqrt(dx * dx + dy * dy) / divisor;
        return slope.percent() ? (float) (100 * tangent)
                : (float) (StrictMath.atan(tangent) * (180.0 / Math.PI));
    }
}
