package io.tilework.raster.terrain;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * {@code gdaldem aspect}: the direction the slope faces, as an azimuth (0 north, 90 east)
 * or, with {@code trigonometric}, as an angle counter-clockwise from east. Float32.
 *
 * <p>Flat pixels have no aspect: they get the nodata value -9999, or 0 with
 * {@code zeroForFlat}, in which case gdaldem sets no nodata value at all and the pixels it
 * cannot compute (edges, nodata) are 0 as well.
 *
 * @param gradient      {@code -alg}
 * @param trigonometric {@code -trigonometric}
 * @param zeroForFlat   {@code -zero_for_flat}
 * @param computeEdges  {@code -compute_edges}
 */
public record Aspect(Gradient gradient, boolean trigonometric, boolean zeroForFlat, boolean computeEdges)
        implements TerrainOperation {

    public Aspect {
        Objects.requireNonNull(gradient, "gradient");
    }

    /** gdaldem's defaults: Horn, azimuth, -9999 for flat, no edges. */
    public static Aspect defaults() {
        return new Aspect(Gradient.HORN, false, false, false);
    }

    public Aspect withGradient(Gradient value) {
        return new Aspect(value, trigonometric, zeroForFlat, computeEdges);
    }

    public Aspect withTrigonometric(boolean value) {
        return new Aspect(gradient, value, zeroForFlat, computeEdges);
    }

    public Aspect withZeroForFlat(boolean value) {
        return new Aspect(gradient, trigonometric, value, computeEdges);
    }

    public Aspect withComputeEdges(boolean value) {
        return new Aspect(gradient, trigonometric, zeroForFlat, value);
    }

    @Override
    public OptionalDouble outputNoData() {
        return zeroForFlat ? OptionalDouble.empty() : OptionalDouble.of(FLOAT_NO_DATA);
    }

    @Override
    public void apply(DemTile in, float[] out) {
        float flat = zeroForFlat ? 0f : FLOAT_NO_DATA;
        Neighbourhood.WindowFunction function = gradient == Gradient.HORN
                ? w -> direction(((w[2] + w[5] + w[5] + w[8]) - (w[0] + w[3] + w[3] + w[6])),
                        ((w[6] + w[7] + w[7] + w[8]) - (w[0] + w[1] + w[1] + w[2])), flat)
                : w -> direction(w[5] - w[3], w[7] - w[1], flat);
        Neighbourhood.apply(in, computeEdges, flat, function, out);
    }

    /** From west-to-east and north-to-south differences, as gdaldem folds the angle. */
    private float direction(double dx, double dy, float flat) {
        if (dx == 0 && dy == 0) {
            return flat;
        }
        float aspect = (float) (StrictMath.atan2(dy, -dx) / Angles.DEGREES_TO_RADIANS);
        if (!trigonometric) {
            aspect = aspect > 90.0f ? 450.0f - aspect : 90.0f - aspect;
        } else if (aspect < 0) {
            aspect += 360.0f;
        }
        return aspect == 360.0f ? 0 : aspect;
    }
}
