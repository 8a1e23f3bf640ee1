package io.tilework.raster.terrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tilework.gdal.raster.DataType;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SourceSamples.anyNoData, with its quick range test, agrees with testing every value")
class SourceSamplesTest {

    private static final double[] NO_DATA = {-9999, 32767, -32768, 0, -0.0, 100, 1e-30, -1e-30, 1.5e-45, 1e30,
        Float.MAX_VALUE, -Float.MAX_VALUE, -3.4028234663852886e38, 0x1p60, 0x1p61, 0x1p-60, 0x1p-61, 255, 65535,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    @Test
    void anyNoData_equalsTheExactScan() {
        Random random = new Random(99);
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64, DataType.INT16, DataType.UINT16,
            DataType.BYTE, DataType.INT32}) {
            for (double declared : NO_DATA) {
                SourceSamples samples = SourceSamples.of(new DemTile(new float[9], 1, 1, true, true, true, true,
                        OptionalDouble.of(declared), 1, -1, type));
                for (int round = 0; round < 3000; round++) {
                    float[] values = row(random, (float) declared);
                    int from = random.nextInt(values.length);
                    int to = from + random.nextInt(values.length - from + 1);
                    boolean exact = false;
                    for (int i = from; i < to; i++) {
                        exact |= samples.isNoData(values[i]);
                    }
                    int first = from;
                    assertEquals(exact, samples.anyNoData(values, from, to), () -> type + " nodata " + declared
                            + ", values from " + first + ": " + java.util.Arrays.toString(values));
                }
            }
        }
    }

    /** A few values, some of them at or near the nodata value, some anywhere. */
    private static float[] row(Random random, float noData) {
        float[] values = new float[1 + random.nextInt(12)];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (random.nextInt(8)) {
                case 0 -> noData;
                case 1 -> noData * (1 + (float) random.nextGaussian() * 0x1p-20f);
                case 2 -> noData * (1 + (float) random.nextGaussian() * 0x1p-14f);
                case 3 -> Math.nextUp(noData) + random.nextInt(3) - 1;
                case 4 -> Float.intBitsToFloat(Float.floatToRawIntBits(noData) + random.nextInt(64) - 32);
                case 5 -> Float.intBitsToFloat(random.nextInt());
                case 6 -> random.nextInt(1000) - 500;
                default -> (float) (noData + random.nextGaussian() * 1000);
            };
        }
        return values;
    }
}
