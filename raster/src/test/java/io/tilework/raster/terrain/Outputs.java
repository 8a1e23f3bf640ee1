package io.tilework.raster.terrain;

import io.tilework.gdal.raster.Checksum;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.RasterSpec;
import io.tilework.gdal.raster.Window;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** Puts computed values into GDAL datasets and reads gdaldem's, to compare them as GDAL sees them. */
final class Outputs {

    private Outputs() {
    }

    /** GDAL's checksum of the values written into a MEM band of {@code type} with {@code noData} set. */
    static int checksum(float[] values, int width, int height, DataType type, OptionalDouble noData) {
        try (RasterDataset memory = RasterDataset.createInMemory(new RasterSpec(width, height, 1, type))) {
            noData.ifPresent(value -> memory.setNoData(1, value));
            Window all = Window.of(width, height);
            if (type == DataType.BYTE) {
                memory.write(all, 1, type, toBytes(values));
            } else {
                memory.write(all, 1, DataType.FLOAT32, values);
            }
            return Checksum.of(memory, 1);
        }
    }

    /** Band 1 of a file read as Float32 (a Byte band's values become 0.0 to 255.0). */
    static float[] read(Path path) {
        try (RasterDataset dataset = RasterDataset.open(path)) {
            float[] values = new float[dataset.width() * dataset.height()];
            dataset.read(Window.of(dataset.width(), dataset.height()), 1, DataType.FLOAT32, values);
            return values;
        }
    }

    static OptionalDouble noDataOf(Path path) {
        try (RasterDataset dataset = RasterDataset.open(path)) {
            return dataset.band(1).noData();
        }
    }

    /** Minimum, maximum and mean of the values other than nodata and NaN, as gdalinfo -stats reports them. */
    static double[] statistics(float[] values, OptionalDouble noData) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long count = 0;
        for (float value : values) {
            if (Float.isNaN(value) || (noData.isPresent() && value == (float) noData.getAsDouble())) {
                continue;
            }
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
            count++;
        }
        return new double[] {min, max, count == 0 ? Double.NaN : sum / count};
    }

    /** Fails unless the two arrays hold the same float bits (any NaN equal to any NaN), naming the first difference. */
    static void assertSameBits(String expectedName, float[] expected, String actualName, float[] actual, int width) {
        if (expected.length != actual.length) {
            throw new AssertionError(expectedName + " has " + expected.length + " pixels, " + actualName + " "
                    + actual.length);
        }
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                mismatches++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (mismatches > 0) {
            throw new AssertionError(mismatches + " of " + expected.length + " pixels differ; first at column "
                    + first % width + ", row " + first / width + ": " + expectedName + " " + expected[first] + ", "
                    + actualName + " " + actual[first]);
        }
    }

    private static byte[] toBytes(float[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            float value = values[i];
            if (value < 0 || value > 255 || value != Math.rint(value)) {
                throw new AssertionError("hillshade value " + value + " at " + i + " is not a byte value");
            }
            bytes[i] = (byte) (int) value;
        }
        return bytes;
    }
}
