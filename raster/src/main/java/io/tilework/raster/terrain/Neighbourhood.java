package io.tilework.raster.terrain;

import java.util.Arrays;

/**
 * Walks a tile's pixels and hands each one's 3 x 3 window to a {@link WindowFunction}, with the
 * edge and nodata rules of gdaldem (GDALGeneric3x3Processing in GDAL 3.6); runs of pixels whose
 * windows need none of those rules go to a {@link RowFunction} instead, straight from the tile.
 *
 * <p>Windows are numbered row by row, the pixel itself at 4:
 * <pre>
 *   0 1 2
 *   3 4 5
 *   6 7 8
 * </pre>
 *
 * <p>Rules, all decided from the pixel's own neighbourhood so that tiling cannot change them:
 * <ul>
 *   <li>A raster narrower or shorter than two pixels gives no value anywhere.</li>
 *   <li>Without compute-edges, pixels on the raster's border give no value, and so does any
 *       pixel with a nodata value in its window.</li>
 *   <li>With compute-edges, the missing row beyond the first or last raster row is extrapolated
 *       vertically, and on those two rows a missing column repeats the pixel's own column; on
 *       the other rows the missing column beyond the first or last raster column is extrapolated
 *       horizontally. A nodata pixel still gives no value; a nodata neighbour takes the pixel's
 *       value.</li>
 * </ul>
 */
final class Neighbourhood {

    private Neighbourhood() {
    }

    /** The computation on one window; it may change the window. */
    @FunctionalInterface
    interface WindowFunction {
        float at(float[] window);
    }

    /**
     * The same computation on a run of pixels of one row whose windows lie inside the raster and
     * hold no nodata, the bulk of most tiles: reading the values straight from the tile spares
     * the window copy, the edge tests and the nodata tests that dominate a cheap function.
     */
    @FunctionalInterface
    interface RowFunction {
        /**
         * Writes {@code out[outRow + col]} for {@code from <= col < to}. The window of pixel
         * {@code col} is {@code values[above + col - 1 .. above + col + 1]} (window 0 to 2), the
         * same at {@code + stride} (3 to 5) and at {@code + 2 * stride} (6 to 8).
         */
        void apply(float[] values, int above, int stride, float[] out, int outRow, int from, int to);
    }

    /** {@code function} over each window of a run, for operations without a row function of their own. */
    static RowFunction eachWindow(WindowFunction function) {
        float[] window = new float[9];
        return (v, above, stride, out, outRow, from, to) -> {
            for (int col = from; col < to; col++) {
                int a = above + col;
                int m = a + stride;
                int b = m + stride;
                window[0] = v[a - 1];
                window[1] = v[a];
                window[2] = v[a + 1];
                window[3] = v[m - 1];
                window[4] = v[m];
                window[5] = v[m + 1];
                window[6] = v[b - 1];
                window[7] = v[b];
                window[8] = v[b + 1];
                out[outRow + col] = function.at(window);
            }
        };
    }

    static void apply(DemTile tile, boolean computeEdges, float fill, WindowFunction function, float[] out) {
        apply(tile, computeEdges, fill, function, eachWindow(function), out);
    }

    /**
     * {@code rows} computes the inside of the tile, wherever no window holds nodata, and
     * {@code function} the rest; the two must compute the same values.
     */
    static void apply(DemTile tile, boolean computeEdges, float fill, WindowFunction function, RowFunction rows,
                      float[] out) {
        int width = tile.width();
        int height = tile.height();
        if (out.length < tile.outputLength()) {
            throw new IllegalArgumentException("output of " + out.length + " values is too short for a " + width
                    + " x " + height + " tile");
        }
        boolean tooNarrow = tile.haloOutsideLeft() && tile.haloOutsideRight() && width < 2;
        boolean tooShort = tile.haloOutsideTop() && tile.haloOutsideBottom() && height < 2;
        if (tooNarrow || tooShort) {
            Arrays.fill(out, 0, tile.outputLength(), fill);
            return;
        }
        Walk walk = new Walk(tile, computeEdges, fill, function, out);
        float[] v = tile.values();
        int stride = width + 2;
        // the columns whose windows lie inside the raster
        int from = tile.haloOutsideLeft() ? 1 : 0;
        int to = tile.haloOutsideRight() ? width - 1 : width;
        NoDataMask noData = walk.samples.hasNoData() ? new NoDataMask(tile, walk.samples, from, to + 2) : null;
        boolean[] blocked = new boolean[stride];
        for (int row = 0; row < height; row++) {
            boolean edgeRow = (tile.haloOutsideTop() && row == 0) || (tile.haloOutsideBottom() && row == height - 1);
            if (edgeRow || from >= to) {
                walk.pixels(row, 0, width);
                continue;
            }
            walk.pixels(row, 0, from);
            int above = row * stride + 1;
            if (noData == null || !noData.blockedColumns(row, blocked)) {
                rows.apply(v, above, stride, out, row * width, from, to);
            } else {
                // runs of windows without nodata go to rows, the others to the walk
                int col = from;
                while (col < to) {
                    int end = col;
                    while (end < to && !(blocked[end] || blocked[end + 1] || blocked[end + 2])) {
                        end++;
                    }
                    if (end > col) {
                        rows.apply(v, above, stride, out, row * width, col, end);
                        col = end;
                    } else {
                        walk.pixels(row, col, col + 1);
                        col++;
                    }
                }
            }
            walk.pixels(row, to, width);
        }
    }

    /** Where the tile's values hold nodata, found row by row as needed. */
    private static final class NoDataMask {
        private final DemTile tile;
        private final SourceSamples samples;
        private final int from;
        private final int to;
        private final boolean[] rowHoldsNoData;
        private final boolean[][] isNoData;

        /** For the value columns {@code from} to {@code to - 1} of every row, halo included. */
        NoDataMask(DemTile tile, SourceSamples samples, int from, int to) {
            this.tile = tile;
            this.samples = samples;
            this.from = from;
            this.to = to;
            int stride = tile.width() + 2;
            rowHoldsNoData = new boolean[tile.height() + 2];
            isNoData = new boolean[tile.height() + 2][];
            for (int row = 0; row < rowHoldsNoData.length; row++) {
                rowHoldsNoData[row] = samples.anyNoData(tile.values(), row * stride + from, row * stride + to);
            }
        }

        /**
         * Whether any of the three value rows of output row {@code row} holds nodata; if so,
         * {@code blocked[column]} tells, for each value column, whether any of the three does there.
         */
        boolean blockedColumns(int row, boolean[] blocked) {
            if (!(rowHoldsNoData[row] || rowHoldsNoData[row + 1] || rowHoldsNoData[row + 2])) {
                return false;
            }
            Arrays.fill(blocked, false);
            for (int r = row; r < row + 3; r++) {
                if (rowHoldsNoData[r]) {
                    boolean[] mask = mask(r);
                    for (int column = from; column < to; column++) {
                        blocked[column] |= mask[column];
                    }
                }
            }
            return true;
        }

        private boolean[] mask(int row) {
            if (isNoData[row] == null) {
                int stride = tile.width() + 2;
                boolean[] mask = new boolean[stride];
                for (int column = from; column < to; column++) {
                    mask[column] = samples.isNoData(tile.values()[row * stride + column]);
                }
                isNoData[row] = mask;
            }
            return isNoData[row];
        }
    }

    /** gdaldem's rules pixel by pixel, for the edges and around nodata. */
    private static final class Walk {
        private final DemTile tile;
        private final boolean computeEdges;
        private final float fill;
        private final WindowFunction function;
        private final float[] out;
        private final SourceSamples samples;
        private final float[] window = new float[9];

        Walk(DemTile tile, boolean computeEdges, float fill, WindowFunction function, float[] out) {
            this.tile = tile;
            this.computeEdges = computeEdges;
            this.fill = fill;
            this.function = function;
            this.out = out;
            this.samples = SourceSamples.of(tile);
        }

        void pixels(int row, int fromCol, int toCol) {
            int width = tile.width();
            int height = tile.height();
            float[] v = tile.values();
            int stride = width + 2;
            boolean top = tile.haloOutsideTop() && row == 0;
            boolean bottom = tile.haloOutsideBottom() && row == height - 1;
            int up = row * stride + 1;
            int mid = up + stride;
            int down = mid + stride;
            for (int col = fromCol; col < toCol; col++) {
                boolean left = tile.haloOutsideLeft() && col == 0;
                boolean right = tile.haloOutsideRight() && col == width - 1;
                int index = row * width + col;
                if (!computeEdges && (top || bottom || left || right)) {
                    out[index] = fill;
                    continue;
                }
                int before = left ? col : col - 1;
                int after = right ? col : col + 1;
                if (top) {
                    extrapolatedRow(v, samples, mid, down, before, col, after, window, 0);
                    plainRow(v, mid, before, col, after, window, 3);
                    plainRow(v, down, before, col, after, window, 6);
                } else if (bottom) {
                    plainRow(v, up, before, col, after, window, 0);
                    plainRow(v, mid, before, col, after, window, 3);
                    extrapolatedRow(v, samples, mid, up, before, col, after, window, 6);
                } else if (left) {
                    leftEdgeRow(v, samples, up, col, window, 0);
                    leftEdgeRow(v, samples, mid, col, window, 3);
                    leftEdgeRow(v, samples, down, col, window, 6);
                } else if (right) {
                    rightEdgeRow(v, samples, up, col, window, 0);
                    rightEdgeRow(v, samples, mid, col, window, 3);
                    rightEdgeRow(v, samples, down, col, window, 6);
                } else {
                    plainRow(v, up, col - 1, col, col + 1, window, 0);
                    plainRow(v, mid, col - 1, col, col + 1, window, 3);
                    plainRow(v, down, col - 1, col, col + 1, window, 6);
                }
                out[index] = valueOf(window, samples, computeEdges, fill, function);
            }
        }
    }

    private static float valueOf(float[] window, SourceSamples samples, boolean computeEdges, float fill,
                                 WindowFunction function) {
        if (samples.hasNoData()) {
            if (samples.isNoData(window[4])) {
                return fill;
            }
            for (int k = 0; k < 9; k++) {
                if (samples.isNoData(window[k])) {
                    if (!computeEdges) {
                        return fill;
                    }
                    window[k] = window[4];
                }
            }
        }
        return function.at(window);
    }

    private static void plainRow(float[] v, int row, int before, int col, int after, float[] window, int at) {
        window[at] = v[row + before];
        window[at + 1] = v[row + col];
        window[at + 2] = v[row + after];
    }

    private static void extrapolatedRow(float[] v, SourceSamples samples, int edgeRow, int innerRow,
                                        int before, int col, int after, float[] window, int at) {
        window[at] = samples.extrapolate(v[edgeRow + before], v[innerRow + before]);
        window[at + 1] = samples.extrapolate(v[edgeRow + col], v[innerRow + col]);
        window[at + 2] = samples.extrapolate(v[edgeRow + after], v[innerRow + after]);
    }

    private static void leftEdgeRow(float[] v, SourceSamples samples, int row, int col, float[] window, int at) {
        window[at] = samples.extrapolate(v[row + col], v[row + col + 1]);
        window[at + 1] = v[row + col];
        window[at + 2] = v[row + col + 1];
    }

    private static void rightEdgeRow(float[] v, SourceSamples samples, int row, int col, float[] window, int at) {
        window[at] = v[row + col - 1];
        window[at + 1] = v[row + col];
        window[at + 2] = samples.extrapolate(v[row + col], v[row + col - 1]);
    }
}
