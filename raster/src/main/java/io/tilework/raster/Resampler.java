package io.tilework.raster;

import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.PixelArrays;
import io.tilework.raster.footprint.Footprint;
import java.util.OptionalDouble;

/**
 * Resamples a source tile onto another grid of the same CRS. A destination pixel has data when
 * the source pixel under its centre is valid (inside the source tile and not nodata); its value
 * is then interpolated from valid source pixels only, so nodata never leaks into data. For
 * {@link Interpolation#AVERAGE} a pixel has data when any valid source pixel overlaps it.
 */
final class Resampler {

    /** Below this many pixels, a coordinate is taken to lie on a pixel edge (float noise). */
    private static final double EDGE_SNAP = 1e-9;

    private final Tile source;
    private final Footprint destination;
    /** Source pixel coordinates (relative to the source tile) of destination corner (i, j): u0 + ui*i + uj*j. */
    private final double u0, ui, uj, v0, vi, vj;

    /** Maps {@code destination}'s pixels onto {@code from}, the grid of {@code source} (null when only checking). */
    private Resampler(Footprint from, Footprint destination, Tile source) {
        this.source = source;
        this.destination = destination;
        double[] p00 = at(from, destination, 0, 0);
        double[] p10 = at(from, destination, 1, 0);
        double[] p01 = at(from, destination, 0, 1);
        u0 = p00[0];
        v0 = p00[1];
        ui = p10[0] - u0;
        vi = p10[1] - v0;
        uj = p01[0] - u0;
        vj = p01[1] - v0;
    }

    private static double[] at(Footprint from, Footprint to, double col, double row) {
        double[] xy = to.rasterToSpatial(col, row);
        return from.spatialToRaster(xy[0], xy[1]);
    }

    /**
     * {@code destination}'s pixels from {@code source}, whose band i has nodata {@code noData[i]};
     * pixels without data get {@code fill[i]}.
     */
    static Tile resample(Tile source, Footprint destination, Interpolation interpolation, OptionalDouble[] noData,
                         double[] fill) {
        Resampler resampler = new Resampler(source.footprint(), destination, source);
        DataType type = source.type();
        Object[] bands = new Object[source.bandCount()];
        for (int b = 0; b < bands.length; b++) {
            // every carried type is exact in a double; the result is stored back as GDAL would store it
            double[] values = (double[]) PixelArrays.convert(source.values(b), type, DataType.FLOAT64);
            Validity valid = new Validity(values, heldBy(noData[b], type));
            double[] out = interpolation == Interpolation.AVERAGE
                    ? resampler.average(valid, fill[b])
                    : resampler.interpolate(valid, interpolation, fill[b]);
            bands[b] = PixelArrays.convert(out, DataType.FLOAT64, type);
        }
        return new Tile(destination, type, bands);
    }

    /**
     * {@code noData} if a band of {@code type} can hold it exactly, else none: as GDAL, a Byte
     * band's nodata of -1 or 300 marks no pixel (rounded into the type, it would mask real 0s or 255s).
     */
    private static OptionalDouble heldBy(OptionalDouble noData, DataType type) {
        if (noData.isEmpty() || Double.isNaN(noData.getAsDouble())) {
            return noData;
        }
        double value = noData.getAsDouble();
        return PixelArrays.get(PixelArrays.filled(type, 1, value), type, 0) == value ? noData : OptionalDouble.empty();
    }

    /**
     * Checks that {@code interpolation} can resample {@code source}'s grid onto {@code destination}.
     *
     * @throws UnsupportedOperationException for average between grids rotated against each other
     */
    static void checkSupported(Footprint source, Footprint destination, Interpolation interpolation) {
        Resampler resampler = new Resampler(source, destination, null);
        if (interpolation == Interpolation.AVERAGE && (Math.abs(resampler.uj) > EDGE_SNAP || Math.abs(resampler.vi) > EDGE_SNAP)) {
            throw new UnsupportedOperationException("average resampling needs grids with the same orientation and no"
                    + " rotation; " + destination + " is rotated against " + source + ": use NEAREST, BILINEAR or CUBIC");
        }
    }

    /** A source band and which of its values are data. */
    private record Validity(double[] values, OptionalDouble noData) {
        boolean isData(int index) {
            if (noData.isEmpty()) {
                return true;
            }
            double value = values[index];
            double nd = noData.getAsDouble();
            return !(value == nd || (Double.isNaN(nd) && Double.isNaN(value)));
        }
    }

    private double[] interpolate(Validity valid, Interpolation interpolation, double fill) {
        int width = destination.width();
        int sw = source.width();
        int sh = source.height();
        double[] out = new double[Math.toIntExact(destination.pixelCount())];
        for (int j = 0; j < destination.height(); j++) {
            for (int i = 0; i < width; i++) {
                double u = u0 + ui * (i + 0.5) + uj * (j + 0.5);
                double v = v0 + vi * (i + 0.5) + vj * (j + 0.5);
                int col = (int) Math.floor(u);
                int row = (int) Math.floor(v);
                int o = j * width + i;
                if (col < 0 || row < 0 || col >= sw || row >= sh || !valid.isData(row * sw + col)) {
                    out[o] = fill;
                } else if (interpolation == Interpolation.NEAREST) {
                    out[o] = valid.values()[row * sw + col];
                } else if (interpolation == Interpolation.CUBIC) {
                    out[o] = cubic(valid, u - 0.5, v - 0.5);
                } else {
                    out[o] = bilinear(valid, u - 0.5, v - 0.5);
                }
            }
        }
        return out;
    }

    /** Bilinear at pixel-centre coordinates (uc, vc), weighting only valid pixels; the centre pixel is valid. */
    private double bilinear(Validity valid, double uc, double vc) {
        int c0 = (int) Math.floor(uc);
        int r0 = (int) Math.floor(vc);
        double fx = uc - c0;
        double fy = vc - r0;
        double sum = 0;
        double weights = 0;
        for (int dr = 0; dr <= 1; dr++) {
            double wy = dr == 0 ? 1 - fy : fy;
            for (int dc = 0; dc <= 1; dc++) {
                double w = wy * (dc == 0 ? 1 - fx : fx);
                int c = c0 + dc;
                int r = r0 + dr;
                if (w > 0 && c >= 0 && r >= 0 && c < source.width() && r < source.height()
                        && valid.isData(r * source.width() + c)) {
                    sum += w * valid.values()[r * source.width() + c];
                    weights += w;
                }
            }
        }
        return sum / weights;
    }

    /** Cubic convolution at pixel-centre coordinates (uc, vc); bilinear when a weighted pixel is missing. */
    private double cubic(Validity valid, double uc, double vc) {
        int c0 = (int) Math.floor(uc);
        int r0 = (int) Math.floor(vc);
        double[] wx = keys(uc - c0);
        double[] wy = keys(vc - r0);
        double sum = 0;
        for (int dr = 0; dr < 4; dr++) {
            if (wy[dr] == 0) {
                continue;
            }
            int r = r0 + dr - 1;
            for (int dc = 0; dc < 4; dc++) {
                if (wx[dc] == 0) {
                    continue;
                }
                int c = c0 + dc - 1;
                if (c < 0 || r < 0 || c >= source.width() || r >= source.height() || !valid.isData(r * source.width() + c)) {
                    return bilinear(valid, uc, vc);
                }
                sum += wx[dc] * wy[dr] * valid.values()[r * source.width() + c];
            }
        }
        return sum;
    }

    /** Keys' cubic convolution weights (a = -0.5) of the pixels at offsets -1, 0, 1, 2 for fraction t. */
    private static double[] keys(double t) {
        double t2 = t * t;
        double t3 = t2 * t;
        return new double[] {
                -0.5 * t3 + t2 - 0.5 * t,
                1.5 * t3 - 2.5 * t2 + 1,
                -1.5 * t3 + 2 * t2 + 0.5 * t,
                0.5 * t3 - 0.5 * t2};
    }

    /** Area-weighted mean of the valid source pixels each destination pixel covers (grids without rotation). */
    private double[] average(Validity valid, double fill) {
        int width = destination.width();
        int sw = source.width();
        double[] out = new double[Math.toIntExact(destination.pixelCount())];
        for (int j = 0; j < destination.height(); j++) {
            double va = snap(v0 + vj * j);
            double vb = snap(v0 + vj * (j + 1));
            double top = Math.min(va, vb);
            double bottom = Math.max(va, vb);
            int r1 = Math.min(source.height(), (int) Math.ceil(bottom));
            for (int i = 0; i < width; i++) {
                double ua = snap(u0 + ui * i);
                double ub = snap(u0 + ui * (i + 1));
                double left = Math.min(ua, ub);
                double right = Math.max(ua, ub);
                int c1 = Math.min(sw, (int) Math.ceil(right));
                double sum = 0;
                double weights = 0;
                for (int r = Math.max(0, (int) Math.floor(top)); r < r1; r++) {
                    double h = Math.min(bottom, r + 1) - Math.max(top, r);
                    for (int c = Math.max(0, (int) Math.floor(left)); c < c1; c++) {
                        double w = h * (Math.min(right, c + 1) - Math.max(left, c));
                        if (w > 0 && valid.isData(r * sw + c)) {
                            sum += w * valid.values()[r * sw + c];
                            weights += w;
                        }
                    }
                }
                out[j * width + i] = weights > 0 ? sum / weights : fill;
            }
        }
        return out;
    }

    private static double snap(double coordinate) {
        double nearest = Math.rint(coordinate);
        return Math.abs(coordinate - nearest) < EDGE_SNAP ? nearest : coordinate;
    }
}
