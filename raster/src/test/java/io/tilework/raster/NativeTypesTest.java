package io.tilework.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.GeoTiffOptions;
import io.tilework.gdal.raster.GeoTransform;
import io.tilework.gdal.raster.PixelArrays;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.RasterSpec;
import io.tilework.gdal.raster.Window;
import io.tilework.raster.footprint.Footprint;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("native pixel types: read, cached, resampled and written, every value equals GDAL's read of it")
class NativeTypesTest {

    private static final int WIDTH = 300;
    private static final int HEIGHT = 200;
    /** Inside, across the right and bottom edges, across the top-left corner. */
    private static final int[][] WINDOWS = {{0, 0, WIDTH, HEIGHT}, {17, 33, 100, 50}, {250, 150, 100, 100}, {-20, -10, 50, 40}};

    private static RasterSession session;

    @BeforeAll
    static void open() {
        session = RasterSession.create();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"BYTE", "INT8", "UINT16", "INT16", "UINT32", "INT32", "FLOAT32", "FLOAT64"})
    @DisplayName("a file's windows come back in its own type, equal to GDAL's reads; pixels outside are the band's nodata (or 0)")
    void readsEqualGdal(DataType type, @TempDir Path dir) {
        Path file = write(dir.resolve("values.tif"), type);
        FileRaster raster = session.open(file);
        assertEquals(type, raster.dataType(), "the raster's type is the file's");
        for (int[] w : WINDOWS) {
            Tile tile = raster.get(raster.footprint().subGrid(w[0], w[1], w[2], w[3]));
            assertEquals(type, tile.type(), "the tile's type");
            for (int band = 0; band < 2; band++) {
                assertTrue(Objects.deepEquals(expected(file, type, band, w), tile.values(band)),
                        type + " band " + (band + 1) + " window " + java.util.Arrays.toString(w) + " differs from GDAL's read");
            }
            assertEquals(PixelArrays.bytes(type, (long) w[2] * w[3]) * 2, tile.byteCount(), "the tile holds its type's bytes, no more");
        }
        Footprint one = raster.footprint().subGrid(0, 0, 512, 512);
        assertEquals(Tile.bytesFor(one, 2, type), raster.task(one, raster.allBands()).estimatedBytes(),
                "the engine's budget is told the type's bytes");
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"BYTE", "INT8", "UINT16", "INT16", "UINT32", "INT32", "FLOAT32", "FLOAT64"})
    @DisplayName("a cached recipe of the type keeps every value through its cache and the GeoTIFF written from it")
    void cacheAndWriteKeepValues(DataType type, @TempDir Path dir) {
        Path file = write(dir.resolve("values.tif"), type);
        Path cache = dir.resolve("cache");
        Path copy = dir.resolve("copy.tif");
        try (RasterSession first = RasterSession.create()) {
            Recipe recipe = copyOf(first, first.open(file), type, cache);
            RasterWriter.geoTiff().tileSize(128).write(recipe, copy, (done, all) -> { });
            assertEquals(0, first.cacheHits(), "the first run computes");
        }
        try (RasterSession second = RasterSession.create()) {
            Recipe recipe = copyOf(second, second.open(file), type, cache);
            Tile whole = recipe.get(recipe.footprint());
            assertTrue(second.cacheHits() > 0, "the second run reads the cache");
            for (int band = 0; band < 2; band++) {
                int[] all = {0, 0, WIDTH, HEIGHT};
                assertTrue(Objects.deepEquals(expected(file, type, band, all), whole.values(band)), type + ": the cache changed values");
                assertTrue(Objects.deepEquals(expected(file, type, band, all), expected(copy, type, band, all)),
                        type + ": the written file differs from its source");
            }
        }
        try (RasterDataset written = RasterDataset.open(copy)) {
            assertEquals(type, written.dataType(1), "the file is written in the recipe's type");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"BYTE", "INT8", "UINT16", "INT16", "UINT32", "INT32", "FLOAT32", "FLOAT64"})
    @DisplayName("nearest resampling onto a finer grid copies values exactly, as GDAL's nearest read does")
    void nearestResamplingKeepsValues(DataType type, @TempDir Path dir) {
        Path file = write(dir.resolve("values.tif"), type);
        FileRaster raster = session.open(file);
        GeoTransform t = raster.footprint().geoTransform();
        // the window (40, 30, 64, 48) at half the pixel size
        Footprint finer = Footprint.of(new GeoTransform(t.originX() + 40 * t.pixelWidth(), t.pixelWidth() / 2, 0,
                t.originY() + 30 * t.pixelHeight(), 0, t.pixelHeight() / 2), 128, 96);
        Tile tile = raster.get(finer, QueryOptions.lookahead(1).withInterpolation(Interpolation.NEAREST), 1);
        assertEquals(type, tile.type());
        Object expected = PixelArrays.allocate(type, 128 * 96);
        try (RasterDataset dataset = RasterDataset.open(file)) {
            dataset.read(new Window(40, 30, 64, 48), new int[] {2}, type, expected, 128, 96, io.tilework.gdal.raster.Resampling.NEAREST);
        }
        assertTrue(Objects.deepEquals(expected, tile.values(0)), type + ": nearest resampling changed values");
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a cache entry of the first format (Float32 values) is still read, in the recipe's type as GDAL converts")
    void firstFormatCacheEntriesStillRead() {
        Footprint footprint = Footprint.of(new GeoTransform(0, 1, 0, 0, 0, -1), 3, 1);
        java.nio.ByteBuffer old = java.nio.ByteBuffer.allocate(12 + 3 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        old.putInt(1).putInt(3).putInt(1).putFloat(2.5f).putFloat(-7f).putFloat(300.4f);
        Tile tile = new TileCodec(footprint, DataType.BYTE).decode(old.array());
        Object gdals = PixelArrays.convert(new float[] {2.5f, -7f, 300.4f}, DataType.FLOAT32, DataType.BYTE);
        assertEquals(DataType.BYTE, tile.type());
        assertTrue(Objects.deepEquals(gdals, tile.values(0)), "converted as GDAL converts floats to Byte");
        assertEquals(tile, new TileCodec(footprint, DataType.BYTE).decode(new TileCodec(footprint, DataType.BYTE).encode(tile)),
                "and written again in the typed format, read back the same");
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a nodata the type cannot hold (-1 on Byte) marks no pixel when resampling, as in GDAL: real 0s are averaged")
    void noDataOutsideTheTypeMasksNothing() {
        Footprint row = Footprint.of(new GeoTransform(0, 1, 0, 0, 0, -1), 4, 1);
        Tile pixels = new Tile(row, DataType.BYTE, new Object[] {new byte[] {0, 2, 3, (byte) 255}});
        MemoryRaster raster = session.memory(pixels, OptionalDouble.of(-1), "");
        Footprint halves = Footprint.of(new GeoTransform(0, 2, 0, 0, 0, -1), 2, 1);
        Tile averaged = raster.get(halves, QueryOptions.lookahead(1).withInterpolation(Interpolation.AVERAGE), 0);
        assertEquals(1, averaged.get(0, 0, 0), "(0 + 2) / 2: the 0 is data");
        assertEquals(129, averaged.get(0, 1, 0), "(3 + 255) / 2");
    }

    private static Recipe copyOf(RasterSession on, Raster source, DataType type, Path cache) {
        return on.recipe("copy", 1).dataType(type).bands(2).noData(source.noData(0))
                .input("in", source, UnaryOperator.identity()).computationTiles(128).cacheTiles(128).cache(cache)
                .compute(request -> request.input("in").bands());
    }

    /** GDAL's read of {@code window} of band {@code band} (0-based) of {@code file}, nodata (or 0) outside the raster. */
    private static Object expected(Path file, DataType type, int band, int[] window) {
        try (RasterDataset dataset = RasterDataset.open(file)) {
            double fill = dataset.band(band + 1).noData().orElse(0);
            Object all = PixelArrays.filled(type, window[2] * window[3], fill);
            int x0 = Math.max(0, window[0]);
            int y0 = Math.max(0, window[1]);
            int x1 = Math.min(WIDTH, window[0] + window[2]);
            int y1 = Math.min(HEIGHT, window[1] + window[3]);
            Object inside = PixelArrays.allocate(type, (x1 - x0) * (y1 - y0));
            dataset.read(new Window(x0, y0, x1 - x0, y1 - y0), band + 1, type, inside);
            for (int row = y0; row < y1; row++) {
                System.arraycopy(inside, (row - y0) * (x1 - x0), all, (row - window[1]) * window[2] + (x0 - window[0]), x1 - x0);
            }
            return all;
        }
    }

    /**
     * A tiled GeoTIFF of two bands of {@code type}: random values over the whole range of the type
     * (both extremes included), band 1 with a nodata.
     */
    private static Path write(Path path, DataType type) {
        var random = new Random(type.ordinal());
        try (RasterDataset dataset = RasterDataset.createGeoTiff(path, new RasterSpec(WIDTH, HEIGHT, 2, type),
                GeoTiffOptions.defaults().tiled(128, 128))) {
            dataset.setGeoTransform(new GeoTransform(500_000, 10, 0, 4_000_000, 0, -10));
            for (int band = 1; band <= 2; band++) {
                dataset.write(Window.of(WIDTH, HEIGHT), band, type, values(type, random));
            }
            dataset.setNoData(1, noData(type));
        }
        return path;
    }

    private static Object values(DataType type, Random random) {
        int n = WIDTH * HEIGHT;
        return switch (type) {
            case BYTE, INT8 -> {
                byte[] v = new byte[n];
                random.nextBytes(v);
                v[0] = Byte.MIN_VALUE;
                v[1] = Byte.MAX_VALUE;
                yield v;
            }
            case UINT16, INT16 -> {
                short[] v = new short[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (short) random.nextInt();
                }
                v[0] = Short.MIN_VALUE;
                v[1] = Short.MAX_VALUE;
                yield v;
            }
            case UINT32, INT32 -> {
                int[] v = random.ints(n).toArray();
                v[0] = Integer.MIN_VALUE;
                v[1] = Integer.MAX_VALUE;
                yield v;
            }
            case FLOAT32 -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (random.nextGaussian() * 1e6);
                }
                v[0] = -Float.MAX_VALUE;
                v[1] = Float.MIN_VALUE;
                v[2] = Float.NaN;
                yield v;
            }
            default -> {
                double[] v = random.doubles(n, -1e300, 1e300).toArray();
                v[0] = 1.0000000000000002; // not a float
                v[1] = -Double.MAX_VALUE;
                yield v;
            }
        };
    }

    private static double noData(DataType type) {
        return switch (type) {
            case BYTE -> 255;
            case INT8 -> -128;
            case UINT16 -> 65535;
            case INT16 -> -32768;
            case UINT32 -> 4294967295.0;
            case INT32 -> -2147483648.0;
            default -> -9999.5;
        };
    }
}
