package io.tilework.gdal.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.tilework.testkit.GdalTools;
import io.tilework.testkit.TestData;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Windows read through the binding equal the same windows cut by {@code gdal_translate -srcwin}
 * into raw ENVI files, which the test reads as plain bytes without GDAL.
 */
@DisplayName("windowed reads equal gdal_translate -srcwin")
class WindowReadTest {

    @TempDir
    Path temp;

    static Stream<Arguments> windows() {
        var cases = new ArrayList<Arguments>();
        var random = new Random(20261121);
        for (String name : List.of("RGB.byte.tif", "sr_b4_20200829.tif", "storml_elev.tif", "olinda_dem_utm25s.tif",
                "lf_elev_220_mt_hood_utm.tif", "storm_lake.lcp", "L7_ETMs.tif")) {
            Path file = TestData.raster(name);
            int width;
            int height;
            try (RasterDataset dataset = RasterDataset.open(file)) {
                width = dataset.width();
                height = dataset.height();
            }
            cases.add(Arguments.of(name, new Window(0, 0, width, height)));
            cases.add(Arguments.of(name, new Window(width - 17, height - 13, 17, 13)));
            for (int i = 0; i < 2; i++) {
                int w = 1 + random.nextInt(width);
                int h = 1 + random.nextInt(height);
                cases.add(Arguments.of(name, new Window(random.nextInt(width - w + 1), random.nextInt(height - h + 1), w, h)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("windows")
    void allBands_equalGdalTranslate(String name, Window window) throws IOException {
        Path file = TestData.raster(name);
        try (RasterDataset dataset = RasterDataset.open(file); Arena arena = Arena.ofConfined()) {
            DataType type = dataset.dataType(1);
            int[] bands = IntStream.rangeClosed(1, dataset.bandCount()).toArray();
            MemorySegment buffer = arena.allocate(window.pixelCount() * bands.length * type.bytes());
            dataset.read(window, bands, type, buffer, window.width(), window.height(), Resampling.NEAREST);

            byte[] expected = translate(file, window, window.width(), window.height(), "nearest");
            assertArrayEquals(expected, buffer.toArray(ValueLayout.JAVA_BYTE), name + " " + window);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("windows")
    void firstBandIntoJavaArray_equalsGdalTranslate(String name, Window window) throws IOException {
        Path file = TestData.raster(name);
        try (RasterDataset dataset = RasterDataset.open(file)) {
            DataType type = dataset.dataType(1);
            Object array = java.lang.reflect.Array.newInstance(type.carrier().componentType(), (int) window.pixelCount());
            dataset.read(window, 1, type, array);

            ByteBuffer expected = ByteBuffer.wrap(translate(file, window, window.width(), window.height(), "nearest"))
                    .order(ByteOrder.LITTLE_ENDIAN);
            switch (array) {
                case byte[] values -> assertArrayEquals(slice(expected, values.length).array(), values);
                case short[] values -> {
                    short[] wanted = new short[values.length];
                    expected.asShortBuffer().get(wanted);
                    assertArrayEquals(wanted, values);
                }
                case float[] values -> {
                    float[] wanted = new float[values.length];
                    expected.asFloatBuffer().get(wanted);
                    assertArrayEquals(wanted, values);
                }
                default -> throw new AssertionError("unexpected carrier " + array.getClass());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resampled")
    void resampledRead_equalsGdalTranslateOutsize(String name, String algorithm, Resampling resampling) throws IOException {
        Path file = TestData.raster(name);
        try (RasterDataset dataset = RasterDataset.open(file); Arena arena = Arena.ofConfined()) {
            Window window = new Window(3, 5, dataset.width() - 10, dataset.height() - 7);
            int outWidth = window.width() / 3;
            int outHeight = window.height() / 3;
            DataType type = dataset.dataType(1);
            MemorySegment buffer = arena.allocate((long) outWidth * outHeight * type.bytes());
            dataset.read(window, new int[] {1}, type, buffer, outWidth, outHeight, resampling);

            byte[] expected = translate(file, window, outWidth, outHeight, algorithm);
            byte[] firstBand = java.util.Arrays.copyOf(expected, (int) buffer.byteSize());
            assertArrayEquals(firstBand, buffer.toArray(ValueLayout.JAVA_BYTE), name + " " + algorithm);
        }
    }

    static Stream<Arguments> resampled() {
        return Stream.of(
                Arguments.of("storml_elev_orig.tif", "average", Resampling.AVERAGE),
                Arguments.of("olinda_dem_utm25s.tif", "bilinear", Resampling.BILINEAR),
                Arguments.of("RGB.byte.tif", "cubic", Resampling.CUBIC));
    }

    private byte[] translate(Path file, Window window, int outWidth, int outHeight, String resampling) throws IOException {
        Path out = Files.createTempFile(temp, "window", ".raw");
        GdalTools.run("gdal_translate", "-q", "-of", "ENVI", "-co", "INTERLEAVE=BSQ", "-r", resampling,
                "-srcwin", Integer.toString(window.x()), Integer.toString(window.y()),
                Integer.toString(window.width()), Integer.toString(window.height()),
                "-outsize", Integer.toString(outWidth), Integer.toString(outHeight),
                file.toString(), out.toString());
        return Files.readAllBytes(out);
    }

    private static ByteBuffer slice(ByteBuffer buffer, int length) {
        byte[] copy = new byte[length];
        buffer.get(copy);
        return ByteBuffer.wrap(copy);
    }
}
