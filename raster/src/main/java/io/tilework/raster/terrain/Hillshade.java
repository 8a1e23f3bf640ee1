package io.tilework.raster.terrain;

import io.tilework.gdal.raster.DataType;
import io.tilework.raster.failure.TerrainOptionInvalid;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * {@code gdaldem hillshade}: shaded relief as gdaldem's Byte output, 1 (dark) to 255, with 0
 * as nodata. {@link #apply} writes those byte values as floats (0.0 to 255.0), each rounded as
 * GDAL rounds a float written to a Byte band: half up, clamped to 0..255, NaN to 0.
 *
 * <p>The shading divides by a square root the way gdaldem does on x86-64 (see
 * {@link InverseSqrtEstimate}), so that the bytes match to the last pixel.
 *
 * <p>One divergence is left on purpose. For Byte, Int16 and UInt16 sources with Horn's
 * gradient, the standard shading and equal x and y resolutions, gdaldem computes most interior
 * pixels four at a time and rounds {@code 1 + shade} in two float steps, but the last few
 * columns, the edges and every row within one of a nodata pixel anywhere in the raster row in
 * one double step. Which pixel takes which path depends on the whole raster row, which a tile
 * cannot know; this class always takes the four-at-a-time rounding for such sources. The two
 * agree unless {@code 1 + shade} falls within a float ulp of a half-integer where the two
 * roundings disagree, which did not happen on any of the test DEMs.
 *
 * @param gradient     {@code -alg}
 * @param zFactor      {@code -z}: vertical exaggeration
 * @param scale        {@code -s}: horizontal units per vertical unit
 * @param azimuth      {@code -az}: direction of the light in degrees clockwise from north
 *                     (ignored by the multidirectional shading)
 * @param altitude     {@code -alt}: height of the light above the horizon in degrees
 * @param shading      {@code -combined}, {@code -multidirectional}, {@code -igor} or none
 * @param computeEdges {@code -compute_edges}
 */
public record Hillshade(Gradient gradient, double zFactor, double scale, double azimuth, double altitude,
                        Shading shading, boolean computeEdges) implements TerrainOperation {

    /** gdaldem's shading variants. */
    public enum Shading {
        /** Lambertian reflection from one light source. */
        STANDARD,
        /** {@code -combined}: standard shading darkened by slope. */
        COMBINED,
        /** {@code -multidirectional}: lights at 225, 270, 315 and 360 degrees, weighted by aspect. */
        MULTIDIRECTIONAL,
        /** {@code -igor}: slope and aspect only, light enough to lay under other map content. */
        IGOR
    }

    public static final float NO_DATA = 0f;

    private static final double INVERSE_SQUARED_HALF_PI = 1.0 / ((Math.PI * Math.PI) / 4);

    public Hillshade {
        Objects.requireNonNull(gradient, "gradient");
        Objects.requireNonNull(shading, "shading");
        requireFinite("z factor", zFactor);
        requireFinite("azimuth", azimuth);
        requireFinite("altitude", altitude);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new TerrainOptionInvalid("hillshade scale must be positive and finite: " + scale);
        }
    }

    /** gdaldem's defaults: Horn, z 1, scale 1, azimuth 315, altitude 45, standard shading, no edges. */
    public static Hillshade defaults() {
        return new Hillshade(Gradient.HORN, 1, 1, 315, 45, Shading.STANDARD, false);
    }

    public Hillshade withGradient(Gradient value) {
        return new Hillshade(value, zFactor, scale, azimuth, altitude, shading, computeEdges);
    }

    public Hillshade withZFactor(double value) {
        return new Hillshade(gradient, value, scale, azimuth, altitude, shading, computeEdges);
    }

    public Hillshade withScale(double value) {
        return new Hillshade(gradient, zFactor, value, azimuth, altitude, shading, computeEdges);
    }

    public Hillshade withAzimuth(double value) {
        return new Hillshade(gradient, zFactor, scale, value, altitude, shading, computeEdges);
    }

    public Hillshade withAltitude(double value) {
        return new Hillshade(gradient, zFactor, scale, azimuth, value, shading, computeEdges);
    }

    public Hillshade withShading(Shading value) {
        return new Hillshade(gradient, zFactor, scale, azimuth, altitude, value, computeEdges);
    }

    public Hillshade withComputeEdges(boolean value) {
        return new Hillshade(gradient, zFactor, scale, azimuth, altitude, shading, value);
    }

    @Override
    public DataType outputType() {
        return DataType.BYTE;
    }

    @Override
    public OptionalDouble outputNoData() {
        return OptionalDouble.of(NO_DATA);
    }

    @Override
    public void apply(DemTile in, float[] out) {
        Neighbourhood.apply(in, computeEdges, NO_DATA, shader(in), out);
        for (int i = 0; i < in.outputLength(); i++) {
            out[i] = toByte(out[i]);
        }
    }

    /** GDAL's float to Byte conversion: add 0.5 in float, clamp, truncate; NaN becomes 0. */
    static float toByte(float value) {
        if (Float.isNaN(value)) {
            return 0;
        }
        return (float) Math.floor(Math.clamp(value + 0.5f, 0f, 255f));
    }

    private Neighbourhood.WindowFunction shader(DemTile in) {
        ShadingConstants c = new ShadingConstants(this, in.xResolution(), in.yResolution());
        return switch (shading) {
            case STANDARD -> gradient == Gradient.HORN && in.xResolution() == -in.yResolution()
                    ? sameResolutionHorn(c, in.integerSamples())
                    : w -> standard(c, w);
            case COMBINED -> w -> combined(c, w);
            case MULTIDIRECTIONAL -> w -> multidirectional(c, w);
            case IGOR -> w -> igor(c, w);
        };
    }

    private double gradientX(float[] w, ShadingConstants c) {
        return gradient == Gradient.HORN
                ? ((w[0] + w[3] + w[3] + w[6]) - (w[2] + w[5] + w[5] + w[8])) * c.inverseEwRes
                : (w[3] - w[5]) * c.inverseEwRes;
    }

    private double gradientY(float[] w, ShadingConstants c) {
        return gradient == Gradient.HORN
                ? ((w[6] + w[7] + w[7] + w[8]) - (w[0] + w[1] + w[1] + w[2])) * c.inverseNsRes
                : (w[7] - w[1]) * c.inverseNsRes;
    }

    private float standard(ShadingConstants c, float[] w) {
        double x = gradientX(w, c);
        double y = gradientY(w, c);
        double shade = InverseSqrtEstimate.divideBySqrt(
                c.sinAltitude254 - (y * c.cosAzimuthCosAltitudeZ254 - x * c.sinAzimuthCosAltitudeZ254),
                1 + c.squareZ * (x * x + y * y));
        return (float) (shade <= 0.0 ? 1.0 : 1.0 + shade);
    }

    /** The standard shading with x and y resolutions equal, as gdaldem specialises it. */
    private static Neighbourhood.WindowFunction sameResolutionHorn(ShadingConstants c, boolean integerSamples) {
        return w -> {
            float accX = w[0] - w[8];
            float sixMinusTwo = w[6] - w[2];
            float accY = accX;
            float threeMinusFive = w[3] - w[5];
            float oneMinusSeven = w[1] - w[7];
            accX += threeMinusFive;
            accY += oneMinusSeven;
            accX += threeMinusFive;
            accY += oneMinusSeven;
            accX += sixMinusTwo;
            accY -= sixMinusTwo;
            double x = accX;
            double y = accY;
            double shade = InverseSqrtEstimate.divideBySqrt(
                    c.sinAltitude254 + (x * c.sinAzimuth254InverseRes + y * c.cosAzimuth254InverseRes),
                    1 + c.squareZInverseResSquared * (x * x + y * y));
            if (integerSamples) {
                float fourAtATime = (float) shade + 1f;
                return fourAtATime > 1f ? fourAtATime : 1f;
            }
            return (float) (shade <= 0.0 ? 1.0 : 1.0 + shade);
        };
    }

    private float combined(ShadingConstants c, float[] w) {
        double x = gradientX(w, c);
        double y = gradientY(w, c);
        double slope = (x * x + y * y) * c.squareZ;
        double angle = StrictMath.acos(InverseSqrtEstimate.divideBySqrt(
                c.sinAltitude - (y * c.cosAzimuthCosAltitudeZ - x * c.sinAzimuthCosAltitudeZ), 1 + slope));
        double shade = 1 - angle * StrictMath.atan(Math.sqrt(slope)) * INVERSE_SQUARED_HALF_PI;
        return shade <= 0.0 ? 1.0f : (float) (1.0 + (254.0 * shade));
    }

    private float multidirectional(ShadingConstants c, float[] w) {
        double x = gradientX(w, c);
        double y = gradientY(w, c);
        double xx = x * x;
        double yy = y * y;
        double xxPlusYy = xx + yy;
        if (xxPlusYy == 0.0) {
            return (float) (1.0 + c.sinAltitude254);
        }
        double from225 = Math.max(c.sinAltitude127 + (x - y) * c.cos225CosAltitudeZ127, 0.0);
        double from270 = Math.max(c.sinAltitude127 - x * c.cosAltitudeZ127, 0.0);
        double from315 = Math.max(c.sinAltitude127 + (x + y) * c.cos225CosAltitudeZ127, 0.0);
        double from360 = Math.max(c.sinAltitude127 - y * c.cosAltitudeZ127, 0.0);
        double weight225 = 0.5 * xxPlusYy - x * y;
        double weight315 = xxPlusYy - weight225;
        double shade = InverseSqrtEstimate.divideBySqrt(
                (weight225 * from225 + xx * from270 + weight315 * from315 + yy * from360) / xxPlusYy,
                1 + c.squareZ * xxPlusYy);
        return (float) (1.0 + shade);
    }

    private float igor(ShadingConstants c, float[] w) {
        double dx = gradientX(w, c);
        double dy = gradientY(w, c);
        double slopeDegrees = StrictMath.atan(Math.sqrt(dx * dx + dy * dy) * c.zScaled) * Angles.RADIANS_TO_DEGREES;
        double aspect = gradient == Gradient.HORN
                ? StrictMath.atan2((w[6] + w[7] + w[7] + w[8]) - (w[0] + w[1] + w[1] + w[2]),
                        -(double) ((w[2] + w[5] + w[5] + w[8]) - (w[0] + w[3] + w[3] + w[6])))
                : StrictMath.atan2(w[7] - w[1], -(double) (w[5] - w[3]));
        double slopeStrength = slopeDegrees / 90;
        double aspectDiff = angleBetween(aspect, Math.PI * 3 / 2 - c.azimuthRadians, Math.PI * 2);
        double aspectStrength = 1 - aspectDiff / Math.PI;
        return (float) (255.0 * (1.0 - slopeStrength * aspectStrength));
    }

    private static double angleBetween(double a, double b, double full) {
        double diff = Math.abs(normalise(a, full) - normalise(b, full));
        return diff > full / 2 ? full - diff : diff;
    }

    private static double normalise(double angle, double full) {
        double remainder = angle % full;
        return remainder < 0 ? full + remainder : remainder;
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new TerrainOptionInvalid("hillshade " + name + " must be finite: " + value);
        }
    }

    /** The per-raster constants of gdaldem's shading formulas, combined in its order. */
    private static final class ShadingConstants {
        final double inverseNsRes;
        final double inverseEwRes;
        final double sinAltitude;
        final double azimuthRadians;
        final double zScaled;
        final double cosAzimuthCosAltitudeZ;
        final double sinAzimuthCosAltitudeZ;
        final double squareZ;
        final double sinAltitude254;
        final double cosAzimuthCosAltitudeZ254;
        final double sinAzimuthCosAltitudeZ254;
        final double squareZInverseResSquared;
        final double cosAzimuth254InverseRes;
        final double sinAzimuth254InverseRes;
        final double sinAltitude127;
        final double cosAltitudeZ127;
        final double cos225CosAltitudeZ127;

        ShadingConstants(Hillshade h, double ewres, double nsres) {
            inverseNsRes = 1.0 / nsres;
            inverseEwRes = 1.0 / ewres;
            double altitudeRadians = h.altitude * Angles.DEGREES_TO_RADIANS;
            sinAltitude = StrictMath.sin(altitudeRadians);
            azimuthRadians = h.azimuth * Angles.DEGREES_TO_RADIANS;
            zScaled = h.zFactor / ((h.gradient == Gradient.ZEVENBERGEN_THORNE ? 2 : 8) * h.scale);
            double cosAltitudeZ = StrictMath.cos(altitudeRadians) * zScaled;
            cosAzimuthCosAltitudeZ = StrictMath.cos(azimuthRadians) * cosAltitudeZ;
            sinAzimuthCosAltitudeZ = StrictMath.sin(azimuthRadians) * cosAltitudeZ;
            squareZ = zScaled * zScaled;
            sinAltitude254 = 254.0 * sinAltitude;
            cosAzimuthCosAltitudeZ254 = 254.0 * cosAzimuthCosAltitudeZ;
            sinAzimuthCosAltitudeZ254 = 254.0 * sinAzimuthCosAltitudeZ;
            squareZInverseResSquared = squareZ * inverseEwRes * inverseEwRes;
            cosAzimuth254InverseRes = cosAzimuthCosAltitudeZ254 * -inverseEwRes;
            sinAzimuth254InverseRes = sinAzimuthCosAltitudeZ254 * inverseEwRes;
            sinAltitude127 = 127.0 * sinAltitude;
            cosAltitudeZ127 = 127.0 * cosAltitudeZ;
            cos225CosAltitudeZ127 = 127.0 * StrictMath.cos(225 * Angles.DEGREES_TO_RADIANS) * cosAltitudeZ;
        }
    }
}
