package io.tilework.raster.terrain;

import io.tilework.raster.failure.TerrainOptionInvalid;
import java.util.Objects;

/**
 * {@code gdaldem slope}: the steepest slope at each pixel, in degrees or, with {@code percent},
 * as rise over run times 100. Float32, nodata -9999.
 *
 * @param gradient     {@code -alg}
 * @param percent      {@code -p}
 * @param scale        {@code -s}: horizontal units per vertical unit (111120 for a
 *                     geographic DEM in metres), applied as gdaldem 3.6 does, to both axes
 * @param computeEdges {@code -compute_edges}
 */
public record Slope(Gradient gradient, boolean percent, double scale, boolean computeEdges)
        implements TerrainOperation {

    public Slope {
        Objects.requireNonNull(gradient, "gradient");
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new TerrainOptionInvalid("slope scale must be positive and finite: " + scale);
        }
    }

    /** gdaldem's defaults: Horn, degrees, scale 1, no edges. */
    public static Slope defaults() {
        return new Slope(Gradient.HORN, false, 1, false);
    }

    public Slope withGradient(Gradient value) {
        return new Slope(value, percent, scale, computeEdges);
    }

    public Slope withPercent(boolean value) {
        return new Slope(gradient, value, scale, computeEdges);
    }

    public Slope withScale(double value) {
        return new Slope(gradient, percent, value, computeEdges);
    }

    public Slope withComputeEdges(boolean value) {
        return new Slope(gradient, percent, scale, value);
    }

    @Override
    public void apply(DemTile in, float[] out) {
        double ewres = in.xResolution();
        double nsres = in.yResolution();
        double divisor = (gradient == Gradient.HORN ? 8 : 2) * scale;
        // windows at the edges and around nodata, one at a time
        Neighbourhood.WindowFunction function = gradient == Gradient.HORN
                ? w -> fromKey(hornKey(w, ewres, nsres), divisor)
                : w -> fromKey(zevenbergenThorneKey(w, ewres, nsres), divisor);
        // all others, a row at a time, with the same arithmetic in SIMD-friendly passes
        SlopeTangents slopeTangents = new SlopeTangents(gradient, ewres, nsres, divisor, in.width());
        AtanDegrees atan = new AtanDegrees(in.width());
        double[] tangents = new double[in.width()];
        Neighbourhood.apply(in, computeEdges, FLOAT_NO_DATA, function, (v, above, stride, o, outRow, from, to) -> {
            slopeTangents.row(v, above, stride, tangents, from, to);
            if (percent) {
                for (int col = from; col < to; col++) {
                    o[outRow + col] = (float) (100 * tangents[col]);
                }
            } else {
                atan.run(tangents, o, outRow, from, to);
            }
        }, out);
    }

    private float fromKey(double key, double divisor) {
        double tangent = Math.sqrt(key) / divisor;
        return percent ? (float) (100 * tangent) : AtanDegrees.strict(tangent);
    }

    /** The squared gradient before dividing by 8 (Horn) or 2 (Zevenbergen-Thorne); sums in float, as gdaldem. */
    private static double hornKey(float[] w, double ewres, double nsres) {
        double dx = ((w[0] + w[3] + w[3] + w[6]) - (w[2] + w[5] + w[5] + w[8])) / ewres;
        double dy = ((w[6] + w[7] + w[7] + w[8]) - (w[0] + w[1] + w[1] + w[2])) / nsres;
        return dx * dx + dy * dy;
    }

    private static double zevenbergenThorneKey(float[] w, double ewres, double nsres) {
        double dx = (w[3] - w[5]) / ewres;
        double dy = (w[7] - w[1]) / nsres;
        return dx * dx + dy * dy;
    }
}
