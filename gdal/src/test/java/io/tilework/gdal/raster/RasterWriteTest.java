package io.tilework.gdal.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tilework.testkit.GdalTools;
import io.tilework.testkit.TestData;
import io.tilework.gdal.srs.SpatialReference;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("creating and writing rasters")
class RasterWriteTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"BYTE", "UINT16", "INT16", "UINT32", "INT32", "FLOAT32", "FLOAT64"})
    void tiledCompressedGeoTiff_roundTripsEveryType(DataType type) {
        Path file = temp.resolve(type + ".tif");
        int width = 100;
        int height = 70;
        Object written = pattern(type, width * height);
        var options = GeoTiffOptions.defaults().tiled(32, 16).compress("deflate").predictor(type.isFloatingPoint() ? 3 : 2)
                .bigTiff("if_safer");
        var transform = new GeoTransform(500000, 10, 0, 4100000, 0, -10);
        try (RasterDataset dataset = RasterDataset.createGeoTiff(file, new RasterSpec(width, height, 1, type), options);
             SpatialReference utm = SpatialReference.fromEpsg(32633)) {
            dataset.setGeoTransform(transform);
            dataset.setSpatialReference(utm);
            dataset.setNoData(1, 7);
            dataset.write(Window.of(width, height), 1, type, written);
        }

        JsonNode info = GdalTools.gdalinfo(file.toString());
        JsonNode band = info.get("bands").get(0);
        assertEquals(type.gdalName(), band.get("type").asText());
        assertEquals("[32,16]", band.get("block").toString());
        assertEquals("DEFLATE", info.get("metadata").get("IMAGE_STRUCTURE").get("COMPRESSION").asText());
        assertEquals(32633, info.get("stac").get("proj:epsg").asInt());

        try (RasterDataset dataset = RasterDataset.open(file)) {
            Object read = java.lang.reflect.Array.newInstance(type.carrier().componentType(), width * height);
            dataset.read(Window.of(width, height), 1, type, read);
            assertArrayEquals(bytesOf(written), bytesOf(read));
            assertEquals(transform, dataset.geoTransform().orElseThrow());
            assertEquals(OptionalDouble.of(7), dataset.band(1).noData());
            int expectedChecksum = GdalTools.gdalinfo(file.toString(), "-checksum").get("bands").get(0).get("checksum").asInt();
            assertEquals(expectedChecksum, Checksum.of(dataset, 1));
        }
    }

    @Test
    @DisplayName("COG by CreateCopy is a valid cloud-optimised GeoTIFF with the source's pixels")
    void copyToCog_keepsPixels() {
        Path cog = temp.resolve("rgb-cog.tif");
        try (RasterDataset source = RasterDataset.open(TestData.raster("RGB.byte.tif"));
             RasterDataset copy = source.copyTo("COG", cog, Map.of("COMPRESS", "DEFLATE", "BLOCKSIZE", "256"))) {
            assertEquals(source.width(), copy.width());
        }
        JsonNode info = GdalTools.gdalinfo(cog.toString(), "-checksum");
        assertEquals("COG", info.get("metadata").get("IMAGE_STRUCTURE").get("LAYOUT").asText());
        assertEquals("[256,256]", info.get("bands").get(0).get("block").toString());
        try (RasterDataset reopened = RasterDataset.open(cog)) {
            for (int band = 1; band <= 3; band++) {
                assertEquals(info.get("bands").get(band - 1).get("checksum").asInt(), Checksum.of(reopened, band));
            }
            assertEquals(new int[] {25420, 29131, 37860}[0], Checksum.of(reopened, 1));
        }
    }

    @Test
    @DisplayName("a MEM dataset keeps what is written, several bands at once")
    void inMemory_multiBandRoundTrip() {
        int width = 9;
        int height = 5;
        float[] written = (float[]) pattern(DataType.FLOAT32, width * height * 3);
        try (RasterDataset memory = RasterDataset.createInMemory(new RasterSpec(width, height, 3, DataType.FLOAT32));
             var arena = java.lang.foreign.Arena.ofConfined()) {
            var buffer = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_FLOAT, written);
            memory.write(Window.of(width, height), new int[] {1, 2, 3}, DataType.FLOAT32, buffer);
            float[] band2 = new float[width * height];
            memory.read(Window.of(width, height), 2, DataType.FLOAT32, band2);
            assertArrayEquals(java.util.Arrays.copyOfRange(written, width * height, 2 * width * height), band2);
            assertEquals("MEM", memory.driverName());
        }
    }

    private static Object pattern(DataType type, int count) {
        var random = new java.util.Random(type.ordinal());
        return switch (type) {
            case BYTE -> {
                byte[] values = new byte[count];
                random.nextBytes(values);
                yield values;
            }
            case UINT16, INT16 -> {
                short[] values = new short[count];
                for (int i = 0; i < count; i++) {
                    values[i] = (short) random.nextInt();
                }
                yield values;
            }
            case UINT32, INT32 -> random.ints(count).toArray();
            case FLOAT32 -> {
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = (float) random.nextGaussian() * 1000;
                }
                yield values;
            }
            case FLOAT64 -> random.doubles(count, -1e6, 1e6).toArray();
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static byte[] bytesOf(Object array) {
        return switch (array) {
            case byte[] values -> values;
            case short[] values -> java.lang.foreign.MemorySegment.ofArray(values).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            case int[] values -> java.lang.foreign.MemorySegment.ofArray(values).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            case float[] values -> java.lang.foreign.MemorySegment.ofArray(values).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            case double[] values -> java.lang.foreign.MemorySegment.ofArray(values).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            default -> throw new IllegalArgumentException(array.getClass().toString());
        };
    }
}
