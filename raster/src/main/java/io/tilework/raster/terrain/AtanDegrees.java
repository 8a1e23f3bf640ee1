package io.tilework.raster.terrain;

/**
 * The slope in degrees, {@code (float) (StrictMath.atan(t) * Angles.RADIANS_TO_DEGREES)}, bit for
 * bit, computed about three times faster for a run of tangents {@code t >= 0}.
 *
 * <p>StrictMath.atan (fdlibm) branches on which of five ranges {@code t} lies in, and on a DEM
 * consecutive tangents hop between them unpredictably. Here every step is plain arithmetic that
 * HotSpot's C2 compiles to SIMD code: {@code a = min(t, 1) / max(t, 1)} in {@code [0, 1]}, an
 * odd polynomial {@code P(a)} for {@code atan(a)}, and {@code atan(t) = pi/2 - atan(1/t)} when
 * {@code t > 1}, chosen with min and max rather than a branch.
 *
 * <p>That double is not StrictMath's, but close enough that it rounds to the same float except
 * near a midpoint between two floats, which a guard detects:
 * <ul>
 *   <li>{@code P} is the Chebyshev series {@code atan(x) = 2 sum (-1)^k q^(2k+1) / (2k+1)
 *       T_(2k+1)(x)}, {@code q = sqrt(2) - 1}, cut after {@code T_39}, expanded into powers of
 *       {@code x} with 60 digits (mpmath) and rounded to double. Since {@code |T_n(x)| <= n |x|}
 *       for odd {@code n}, the terms dropped add up to at most
 *       {@code 2 q^41 / (1 - q^2) |x| < 2^-50.8 |x|}, and {@code atan(x) >= pi/4 x}.</li>
 *   <li>Horner's rule in {@code x^2} with these coefficients (whose magnitudes sum to 2.31, so
 *       their rounding costs {@code 2^-51.8}) errs by at most {@code 38 * 2^-53 * 2.31 < 2^-46.5}
 *       of a result at least {@code pi/4}. With {@code x^2}, the division and the
 *       {@code pi/2 - atan(1/t)} step, each a few roundings of {@code 2^-53}, the double is within
 *       {@code 2^-45.8} of {@code atan(t)}, relatively.</li>
 *   <li>StrictMath's value is within an ulp ({@code 2^-52}) of {@code atan(t)}, fdlibm's bound,
 *       and multiplying either by {@code 180 / pi} rounds once more: the two degree values
 *       {@code y} (ours) and {@code Y} (StrictMath's) differ by less than {@code 2^-45.5 y}.</li>
 * </ul>
 * The guard rounds {@code y (1 - 2^-40)} and {@code y (1 + 2^-40)} to float: that interval
 * holds {@code Y} with a margin of 40 times the bound above, and if both ends round to the same
 * float, so does {@code Y}, because rounding is monotonic. Otherwise (a chance of about
 * {@code 2^-15} per pixel) StrictMath decides, and so it does for NaN. Tangents so small that
 * the double is subnormal give a degree value far below the least float, 0 both ways.
 */
final class AtanDegrees {

    // the Chebyshev series above, cut after T_39, in powers of x^2: x (C0 + C1 x^2 + ... + C19 x^38)
    private static final double C0 = 0x1.ffffffffffffcp-1;
    private static final double C1 = -0x1.5555555554b81p-2;
    private static final double C2 = 0x1.999999993077cp-3;
    private static final double C3 = -0x1.24924913f2192p-3;
    private static final double C4 = 0x1.c71c6ebe4e055p-4;
    private static final double C5 = -0x1.745ce9925a437p-4;
    private static final double C6 = 0x1.3b11d54a57ee8p-4;
    private static final double C7 = -0x1.11030653c647bp-4;
    private static final double C8 = 0x1.e142b43907592p-5;
    private static final double C9 = -0x1.ac71fb9483321p-5;
    private static final double C10 = 0x1.7cce89043cb38p-5;
    private static final double C11 = -0x1.4ad0774b914dbp-5;
    private static final double C12 = 0x1.0fb4b43717101p-5;
    private static final double C13 = -0x1.9448840a46c65p-6;
    private static final double C14 = 0x1.03be14dda905dp-6;
    private static final double C15 = -0x1.11fa382b13713p-7;
    private static final double C16 = 0x1.c019fc652a36dp-9;
    private static final double C17 = -0x1.077ebbd46317ep-10;
    private static final double C18 = 0x1.899117c67a7bbp-13;
    private static final double C19 = -0x1.16faeed2a1453p-16;

    private static final double HALF_PI = Math.PI / 2;
    private static final double GUARD_LOW = 1 - 0x1p-40;
    private static final double GUARD_HIGH = 1 + 0x1p-40;

    // scratch rows between the loops; reading and writing one array in a loop defeats C2's SIMD
    private final double[] reduced;
    private final double[] upper;
    private final double[] atanReduced;

    /** For runs of up to {@code width} tangents. */
    AtanDegrees(int width) {
        reduced = new double[width];
        upper = new double[width];
        atanReduced = new double[width];
    }

    /** The reference, gdaldem's slope in degrees from its tangent. */
    static float strict(double tangent) {
        return (float) (StrictMath.atan(tangent) * Angles.RADIANS_TO_DEGREES);
    }

    /**
     * {@code out[outRow + col] = strict(tangents[col])} for {@code from <= col < to}, where every
     * tangent is {@code +0} or more, or NaN (as a square root divided by a positive number is).
     *
     * <p>Each loop is kept small enough for C2 to vectorise it, with its formula written out:
     * calling a helper method from the loop, even one C2 inlines, was measured to keep it scalar.
     */
    void run(double[] tangents, float[] out, int outRow, int from, int to) {
        for (int col = from; col < to; col++) {
            reduced[col] = Math.min(tangents[col], 1) / Math.max(tangents[col], 1);
        }
        // Horner's rule in x^2, from C19 down to C10 here and on to C0 in the next loop
        for (int col = from; col < to; col++) {
            double z = reduced[col] * reduced[col];
            upper[col] = C10 + z * (C11 + z * (C12 + z * (C13 + z * (C14 + z * (C15 + z * (C16 + z * (C17
                    + z * (C18 + z * C19))))))));
        }
        for (int col = from; col < to; col++) {
            double a = reduced[col];
            double z = a * a;
            atanReduced[col] = a * (C0 + z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * (C6 + z * (C7
                    + z * (C8 + z * (C9 + z * upper[col]))))))))));
        }
        // atan(t) = pi/2 - atan(1/t) where beyondOne is 1 (t > 1), not 0 (t <= 1 or NaN), in degrees
        float spread = 0;
        for (int col = from; col < to; col++) {
            double beyondOne = Math.min(Math.max((tangents[col] - 1) * 0x1p1000, 0), 1);
            double r = atanReduced[col];
            double degrees = (r + beyondOne * (HALF_PI - 2 * r)) * Angles.RADIANS_TO_DEGREES;
            float low = (float) (degrees * GUARD_LOW);
            out[outRow + col] = low;
            spread = Math.max(spread, (float) (degrees * GUARD_HIGH) - low);
        }
        if (spread != 0) {  // a guard failed somewhere, or a NaN came
            for (int col = from; col < to; col++) {
                double beyondOne = Math.min(Math.max((tangents[col] - 1) * 0x1p1000, 0), 1);
                double r = atanReduced[col];
                double degrees = (r + beyondOne * (HALF_PI - 2 * r)) * Angles.RADIANS_TO_DEGREES;
                if (!((float) (degrees * GUARD_LOW) == (float) (degrees * GUARD_HIGH))) {
                    out[outRow + col] = strict(tangents[col]);
                }
            }
        }
    }
}
