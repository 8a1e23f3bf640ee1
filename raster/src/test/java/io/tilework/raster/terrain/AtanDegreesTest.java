package io.tilework.raster.terrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AtanDegrees.run equals (float) (StrictMath.atan(t) * 180 / pi) bit for bit")
class AtanDegreesTest {

    private static final int ROW = 509;   // odd, so that the SIMD loops' tails run too

    @Test
    @DisplayName("on millions of random tangents, uniform, Gaussian and log-uniform over every double exponent")
    void randomTangents_matchStrict() {
        Random random = new Random(20240607);
        assertSame("uniform 0..2", 4_000_000, () -> 2 * random.nextDouble());
        assertSame("uniform 0..10", 2_000_000, () -> 10 * random.nextDouble());
        assertSame("|Gaussian| * 0.4", 4_000_000, () -> Math.abs(random.nextGaussian()) * 0.4);
        assertSame("log-uniform", 4_000_000, () -> Math.scalb(1 + random.nextDouble(), random.nextInt(2098) - 1074));
        assertSame("any positive bits", 2_000_000, () -> Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE));
        assertSame("around 1", 2_000_000, () -> Math.scalb(1.0, -1) + random.nextDouble() * 1.5);
    }

    @Test
    @DisplayName("next to every float midpoint from 0.001 to 90 degrees in a sample, where the guard must step in")
    void tangentsAtFloatMidpoints_matchStrict() {
        Random random = new Random(7);
        double[] tangents = new double[ROW];
        int filled = 0;
        long guarded = 0;
        for (int i = 0; i < 200_000; i++) {
            float degrees = (float) Math.exp(Math.log(0.001) + random.nextDouble() * (Math.log(90) - Math.log(0.001)));
            double midpoint = ((double) degrees + (double) Math.nextUp(degrees)) / 2;
            double tangent = StrictMath.tan(midpoint / Angles.RADIANS_TO_DEGREES);
            for (int step = -12; step <= 12; step++) {
                double t = tangent + step * Math.ulp(tangent);
                double y = StrictMath.atan(t) * Angles.RADIANS_TO_DEGREES;
                if ((float) (y * (1 - 0x1p-40)) != (float) (y * (1 + 0x1p-40))) {
                    guarded++;
                }
                tangents[filled++] = t;
                if (filled == ROW) {
                    assertRowSame("midpoints", tangents, ROW);
                    filled = 0;
                }
            }
        }
        assertRowSame("midpoints", tangents, filled);
        assertTrue(guarded > 100_000, "the guard was exercised only " + guarded + " times");
    }

    @Test
    @DisplayName("at the special values: zeros, subnormals, 1 and its neighbours, huge, infinite, NaN with payloads")
    void specialTangents_matchStrict() {
        double[] special = {0.0, Double.MIN_VALUE, 2 * Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
            0x1p-1000, 0x1p-600, 0x1p-511, 0x1p-100, 0x1p-29, Math.nextDown(0x1p-29), 0x1p-20, 1e-10, 1e-7, 0.4375,
            Math.nextDown(0.4375), 0.6875, 1.1875, 2.4375, Math.nextDown(1.0), 1.0, Math.nextUp(1.0), 8, 1e10, 0x1p66,
            0x1p600, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L),
            Double.longBitsToDouble(0x7ff8000012345678L), Double.longBitsToDouble(0xfff8000000000000L),
            (double) Float.intBitsToFloat(0x7fc00001)};
        for (int shift = 0; shift < special.length; shift++) {
            double[] row = new double[special.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = special[(i + shift) % special.length];
            }
            assertRowSame("special", row, row.length);
        }
    }

    @Test
    @DisplayName("writes only its run, at the given offset")
    void run_writesOnlyItsRun() {
        double[] tangents = {9, 0.5, 1.5, 9};
        float[] out = new float[8];
        Arrays.fill(out, -1f);
        new AtanDegrees(4).run(tangents, out, 3, 1, 3);
        float[] expected = {-1f, -1f, -1f, -1f, AtanDegrees.strict(0.5), AtanDegrees.strict(1.5), -1f, -1f};
        assertEquals(Arrays.toString(expected), Arrays.toString(out));
    }

    private static void assertSame(String what, int count, DoubleSupplier tangents) {
        double[] row = new double[ROW];
        for (int done = 0; done < count; done += ROW) {
            for (int i = 0; i < ROW; i++) {
                row[i] = tangents.getAsDouble();
            }
            assertRowSame(what, row, ROW);
        }
    }

    private static void assertRowSame(String what, double[] tangents, int length) {
        float[] out = new float[length + 5];
        new AtanDegrees(length).run(tangents, out, 5, 0, length);
        for (int i = 0; i < length; i++) {
            float expected = AtanDegrees.strict(tangents[i]);
            if (Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(out[5 + i])) {
                throw new AssertionError(what + ": atan(" + tangents[i] + " = " + Double.toHexString(tangents[i])
                        + ") in degrees is " + expected + ", not " + out[5 + i]);
            }
        }
    }
}
