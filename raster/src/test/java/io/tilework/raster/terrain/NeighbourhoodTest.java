package io.tilework.raster.terrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.gdal.raster.DataType;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Neighbourhood hands the row function exactly the windows inside the raster without nodata")
class NeighbourhoodTest {

    private static final float FROM_WINDOW = 1;
    private static final float FROM_ROW = 2;
    private static final float FILL = -7;

    @Test
    void rowFunction_getsEveryPlainWindowAndNoOther() {
        Random random = new Random(5);
        for (int round = 0; round < 3000; round++) {
            int width = 1 + random.nextInt(12);
            int height = 1 + random.nextInt(8);
            boolean[] outside = {random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean()};
            DataType type = random.nextBoolean() ? DataType.FLOAT32 : DataType.INT16;
            float noData = random.nextInt(3) == 0 ? Float.NaN : -9999;
            boolean declared = random.nextInt(4) != 0;
            float[] values = new float[(width + 2) * (height + 2)];
            int holes = random.nextInt(4);
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(holes * 10 + 1) == 0 && holes > 0 ? noData : 100 + random.nextInt(50);
            }
            DemTile tile = new DemTile(values, width, height, outside[0], outside[1], outside[2], outside[3],
                    declared ? OptionalDouble.of(noData) : OptionalDouble.empty(), 10, -10, type);
            SourceSamples samples = SourceSamples.of(tile);
            int[] byRows = new int[width * height];
            float[] out = new float[width * height];
            Arrays.fill(out, Float.NaN);
            boolean computeEdges = random.nextBoolean();
            String context = "round " + round + ": " + width + " x " + height + " " + Arrays.toString(outside)
                    + " nodata " + (declared ? noData : "none");
            Neighbourhood.apply(tile, computeEdges, FILL, w -> FROM_WINDOW, (v, above, stride, o, outRow, from, to) -> {
                for (int col = from; col < to; col++) {
                    int row = outRow / width;
                    assertTrue(plain(tile, samples, col, row), context + ": window of " + col + ", " + row);
                    assertEquals(row * stride + 1, above, context);
                    byRows[outRow + col]++;
                    o[outRow + col] = FROM_ROW;
                }
            }, out);
            for (int row = 0; row < height; row++) {
                for (int col = 0; col < width; col++) {
                    int i = row * width + col;
                    boolean plain = plain(tile, samples, col, row);
                    assertEquals(plain ? 1 : 0, byRows[i], context + ": pixel " + col + ", " + row);
                    float expected = tooSmall(tile) ? FILL : plain ? FROM_ROW : out[i] == FILL ? FILL : FROM_WINDOW;
                    assertEquals(expected, out[i], context + ": pixel " + col + ", " + row);
                }
            }
        }
    }

    /** Whether the pixel's window lies inside the raster and holds no nodata. */
    private static boolean plain(DemTile tile, SourceSamples samples, int col, int row) {
        if (tooSmall(tile) || (tile.haloOutsideLeft() && col == 0) || (tile.haloOutsideTop() && row == 0)
                || (tile.haloOutsideRight() && col == tile.width() - 1)
                || (tile.haloOutsideBottom() && row == tile.height() - 1)) {
            return false;
        }
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (samples.isNoData(tile.value(col + dx, row + dy))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean tooSmall(DemTile tile) {
        return (tile.haloOutsideLeft() && tile.haloOutsideRight() && tile.width() < 2)
                || (tile.haloOutsideTop() && tile.haloOutsideBottom() && tile.height() < 2);
    }
}
