package io.tilework.raster.terrain;

import java.util.Arrays;

/**
 * Walks a tile's pixels and hands each one's 3 x 3 window to a {@link WindowFunction}, with the
 * edge and nodata rules of gdaldem (GDALGeneric3x3Processing in GDAL 3.6).
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

    static void apply(DemTile tile, boolean computeEdges, float fill, WindowFunction function, float[] out) {
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
        SourceSamples samples = SourceSamples.of(tile);
        float[] v = tile.values();
        int stride = width + 2;
        float[] window = new float[9];
        for (int row = 0; row < height; row++) {
            boolean top = tile.haloOutsideTop() && row == 0;
            boolean bottom = tile.haloOutsideBottom() && row == height - 1;
            int up = row * stride + 1;
            int mid = up + stride;
            int down = mid + stride;
            for (int col = 0; col < width; col++) {
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
