package io.tilework.raster.terrain;

/**
 * The tangent of the slope, {@code sqrt(dx^2 + dy^2) / divisor}, for a run of pixels of one row
 * whose windows are plain elevations, with {@link Slope}'s arithmetic to the bit.
 *
 * <p>The work is split into short loops that HotSpot's C2 compiles to SIMD code: one loop doing
 * it all is too big for it, and it refuses a loop that reads and writes float arrays at an
 * unknown distance, for fear of overlap. So float sums and differences are kept in double arrays
 * (a float converts to double exactly), and the difference of two float sums is taken in double,
 * then rounded to float: the float gdaldem's float subtraction gives, since rounding twice is
 * harmless when the first precision is at least twice the second plus one bit (53 >= 2 * 24 + 1;
 * Figueroa, 1995). Dividing by a power of two, gdaldem's divisor when the scale is 1, is
 * multiplying by its exact inverse: the same rounding of the same quotient, without the divider,
 * the bottleneck of these loops.
 *
 * <p>Not thread-safe: one instance per {@link Slope#apply} call.
 */
final class SlopeTangents {

    private final Gradient gradient;
    private final double ewres;
    private final double nsres;
    private final double divisor;
    private final double inverse;
    private final double[] columnSums;
    // Horn's row sums w0 + w1 + w1 + w2 of one tile row serve as the row below one run and, two
    // rows later, as the row above another: three are kept, keyed by where their run starts and
    // ends in which values array
    private final double[][] rowSums = new double[3][];
    private final float[][] rowSumsOf = new float[3][];
    private final int[] rowSumsFrom = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
    private final int[] rowSumsTo = new int[3];
    private final double[] dxs;
    private final double[] dys;

    /** For rows of up to {@code width} pixels. */
    SlopeTangents(Gradient gradient, double ewres, double nsres, double divisor, int width) {
        this.gradient = gradient;
        this.ewres = ewres;
        this.nsres = nsres;
        this.divisor = divisor;
        this.inverse = exactInverse(divisor);
        this.columnSums = new double[width + 2];
        for (int k = 0; k < rowSums.length; k++) {
            rowSums[k] = new double[width];
        }
        this.dxs = new double[width];
        this.dys = new double[width];
    }

    /** 1 / value if that is exact and value / x == x * (1 / value) for every x, else NaN. */
    private static double exactInverse(double value) {
        int exponent = Math.getExponent(value);
        boolean powerOfTwo = value == Math.scalb(1.0, exponent);
        return powerOfTwo && Math.abs(exponent) < 1000 ? 1 / value : Double.NaN;
    }

    /**
     * Writes {@code tangents[col]} for {@code from <= col < to}, with the windows laid out as in
     * {@link Neighbourhood.RowFunction}.
     */
    void row(float[] v, int above, int stride, double[] tangents, int from, int to) {
        if (gradient == Gradient.HORN) {
            hornDifferences(v, above, stride, from, to);
        } else {
            zevenbergenThorneDifferences(v, above, stride, from, to);
        }
        if (Double.isNaN(inverse)) {
            for (int col = from; col < to; col++) {
                double dx = dxs[col] / ewres;
                double dy = dys[col] / nsres;
                tangents[col] = Math.sqrt(dx * dx + dy * dy) / divisor;
            }
        } else {
            for (int col = from; col < to; col++) {
                double dx = dxs[col] / ewres;
                double dy = dys[col] / nsres;
                tangents[col] = Math.sqrt(dx * dx + dy * dy) * inverse;
            }
        }
    }

    /**
     * Horn's float differences {@code (w0 + w3 + w3 + w6) - (w2 + w5 + w5 + w8)} and
     * {@code (w6 + w7 + w7 + w8) - (w0 + w1 + w1 + w2)}, summed in gdaldem's order.
     */
    private void hornDifferences(float[] v, int above, int stride, int from, int to) {
        // the column sums w0 + w3 + w3 + w6 for the window columns from - 1 to to, indexed col + 1
        for (int col = from - 1; col <= to; col++) {
            int a = above + col;
            columnSums[col + 1] = v[a] + v[a + stride] + v[a + stride] + v[a + 2 * stride];
        }
        double[] belowSums = rowSums(v, above + 2 * stride, from, to, null);
        double[] aboveSums = rowSums(v, above, from, to, belowSums);
        for (int col = from; col < to; col++) {
            dxs[col] = (float) (columnSums[col] - columnSums[col + 2]);
            dys[col] = (float) (belowSums[col] - aboveSums[col]);
        }
    }

    /**
     * {@code values[start + col - 1] + values[start + col] + values[start + col] + values[start + col + 1]}
     * for the run, computed unless kept; when computed, they replace the kept sums of the topmost
     * row (rows come top to bottom), other than {@code keep}.
     */
    private double[] rowSums(float[] values, int start, int from, int to, double[] keep) {
        int replaced = -1;
        for (int k = 0; k < rowSums.length; k++) {
            if (rowSumsOf[k] == values && rowSumsFrom[k] == start + from && rowSumsTo[k] == start + to) {
                return rowSums[k];
            }
            if (rowSums[k] != keep && (replaced < 0 || rowSumsFrom[k] < rowSumsFrom[replaced])) {
                replaced = k;
            }
        }
        double[] sums = rowSums[replaced];
        for (int col = from; col < to; col++) {
            int a = start + col;
            sums[col] = values[a - 1] + values[a] + values[a] + values[a + 1];
        }
        rowSumsOf[replaced] = values;
        rowSumsFrom[replaced] = start + from;
        rowSumsTo[replaced] = start + to;
        return sums;
    }

    /** Zevenbergen and Thorne's float differences {@code w3 - w5} and {@code w7 - w1}. */
    private void zevenbergenThorneDifferences(float[] v, int above, int stride, int from, int to) {
        for (int col = from; col < to; col++) {
            int m = above + stride + col;
            dxs[col] = v[m - 1] - v[m + 1];
            dys[col] = v[m + stride] - v[m - stride];
        }
    }
}
