package io.tilework.raster.terrain;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the x86 inverse square root estimate behaves as the instruction is specified to")
class InverseSqrtEstimateTest {

    @Test
    @DisplayName("within 1.5 * 2^-12 of 1/sqrt(x), decreasing, a function of 12 mantissa bits, halving when x quadruples")
    void estimate_hasTheHardwareProperties() {
        double bound = 1.5 * Math.scalb(1.0, -12);
        float previous = Float.POSITIVE_INFINITY;
        for (int bits = Float.floatToIntBits(1f); bits < Float.floatToIntBits(4f); bits += 97) {
            float x = Float.intBitsToFloat(bits);
            float estimate = InverseSqrtEstimate.estimate(x);
            double exact = 1 / Math.sqrt(x);
            assertTrue(Math.abs(estimate - exact) / exact < bound, () -> "estimate " + estimate + " for " + x);
            assertTrue(estimate <= previous, () -> "not decreasing at " + x);
            assertEquals(estimate, InverseSqrtEstimate.estimate(Float.intBitsToFloat(bits & ~0x7ff)), "low bits at " + x);
            assertEquals(estimate / 2, InverseSqrtEstimate.estimate(x * 4), "scaling at " + x);
            assertEquals(estimate * 1024, InverseSqrtEstimate.estimate(x / 1048576), "scaling at " + x);
            previous = estimate;
        }
    }

    @Test
    @DisplayName("special inputs give what rsqrtss gives")
    void specialInputs() {
        assertAll(
                () -> assertEquals(Float.POSITIVE_INFINITY, InverseSqrtEstimate.estimate(0f)),
                () -> assertEquals(Float.NEGATIVE_INFINITY, InverseSqrtEstimate.estimate(-0f)),
                () -> assertEquals(Float.POSITIVE_INFINITY, InverseSqrtEstimate.estimate(1e-40f), "subnormals count as 0"),
                () -> assertEquals(0f, InverseSqrtEstimate.estimate(Float.POSITIVE_INFINITY)),
                () -> assertTrue(Float.isNaN(InverseSqrtEstimate.estimate(-1f))),
                () -> assertTrue(Float.isNaN(InverseSqrtEstimate.estimate(Float.NaN))),
                () -> assertEquals(0.99987793f, InverseSqrtEstimate.estimate(1f), "estimate of 1"),
                () -> assertEquals(0.5f, InverseSqrtEstimate.estimate(3.9999998f), "estimate just below 4"));
    }

    @Test
    @DisplayName("one Newton-Raphson step brings a / sqrt(b) within 2e-7")
    void divideBySqrt_isRefined() {
        for (double b = 1; b < 1e6; b *= 1.0137) {
            double exact = 3 / Math.sqrt(b);
            double approximate = InverseSqrtEstimate.divideBySqrt(3, b);
            assertTrue(Math.abs(approximate - exact) / exact < 2e-7, "at " + b);
            assertTrue(approximate <= exact * (1 + 1e-15), "Newton-Raphson from an estimate approaches from below");
        }
    }
}
