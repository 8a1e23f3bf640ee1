package io.tilework.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.GeoTransform;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.Window;
import io.tilework.raster.footprint.Footprint;
import io.tilework.testkit.GdalTools;
import io.tilework.testkit.TestData;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("requests on another grid: nearest, bilinear, cubic, average; nodata never interpolated")
class ResamplingTest {

    private static final float NODATA = -9999;
    private static RasterSession session;

    @BeforeAll
    static void open() {
        session = RasterSession.create();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    /** A w x h raster at origin (1000, 2000) with 10-unit pixels, values from {@code value(x, y)}. */
    private static MemoryRaster raster(int w, int h, IntBinaryOperator value, OptionalDouble noData) {
        Footprint footprint = Footprint.of(new GeoTransform(1000, 10, 0, 2000, 0, -10), w, h);
        float[] band = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                band[y * w + x] = value.applyAsInt(x, y);
            }
        }
        return session.memory(new Tile(footprint, new float[][] {band}), noData, "");
    }

    /** A grid of pixel size {@code pixel}, its top-left corner at source pixel (col, row). */
    private static Footprint grid(Raster raster, double col, double row, double pixel, int w, int h) {
        double[] corner = raster.footprint().rasterToSpatial(col, row);
        return Footprint.of(new GeoTransform(corner[0], pixel, 0, corner[1], 0, -pixel), w, h);
    }

    private static QueryOptions with(Interpolation interpolation) {
        return QueryOptions.lookahead(1).withInterpolation(interpolation);
    }

    @Test
    @DisplayName("nearest 2x up-sampling repeats every pixel twice in each direction")
    void nearestUpsampling() {
        MemoryRaster raster = raster(5, 4, (x, y) -> 10 * y + x, OptionalDouble.empty());
        Tile tile = raster.get(grid(raster, 0, 0, 5, 10, 8), with(Interpolation.NEAREST));
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                assertEquals(10 * (y / 2) + x / 2, tile.get(0, x, y), "pixel " + x + "," + y);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Interpolation.class, names = {"BILINEAR", "CUBIC"})
    @DisplayName("bilinear and cubic reproduce a linear ramp at any sub-pixel position")
    void interpolationReproducesRamps(Interpolation interpolation) {
        MemoryRaster raster = raster(20, 20, (x, y) -> 3 * x + 5 * y, OptionalDouble.empty());
        // 0.37-pixel steps starting at (4.3, 5.1): away from the edges, every kind of fraction
        Footprint request = grid(raster, 4.3, 5.1, 3.7, 30, 25);
        Tile tile = raster.get(request, with(interpolation));
        for (int y = 0; y < request.height(); y++) {
            for (int x = 0; x < request.width(); x++) {
                double u = 4.3 + 0.37 * (x + 0.5) - 0.5; // source pixel-centre coordinates
                double v = 5.1 + 0.37 * (y + 0.5) - 0.5;
                assertEquals(3 * u + 5 * v, tile.get(0, x, y), 1e-3, interpolation + " at " + x + "," + y);
            }
        }
    }

    @Test
    @DisplayName("average 2x down-sampling is the mean of each 2 x 2 block, of its valid pixels only")
    void averageDownsampling() {
        // nodata at (1,1) (one pixel of block 0,0) and on the whole block (2..3, 2..3)
        MemoryRaster raster = raster(4, 4, (x, y) -> (x == 1 && y == 1) || (x >= 2 && y >= 2) ? (int) NODATA : 4 * y + x,
                OptionalDouble.of(NODATA));
        Tile tile = raster.get(grid(raster, 0, 0, 20, 2, 2), with(Interpolation.AVERAGE));
        assertEquals((0 + 1 + 4) / 3f, tile.get(0, 0, 0), 1e-6);
        assertEquals((2 + 3 + 6 + 7) / 4f, tile.get(0, 1, 0), 1e-6);
        assertEquals((8 + 9 + 12 + 13) / 4f, tile.get(0, 0, 1), 1e-6);
        assertEquals(NODATA, tile.get(0, 1, 1), "a block of nodata stays nodata");
    }

    @Test
    @DisplayName("average over a third of a pixel weights by the area covered")
    void averageWeightsByArea() {
        MemoryRaster raster = raster(3, 1, (x, y) -> x == 0 ? 0 : 30, OptionalDouble.empty());
        // one pixel covering source columns 0.5..2: half of pixel 0 (value 0), pixel 1 whole (30)
        Tile tile = raster.get(grid(raster, 0.5, 0, 15, 1, 1).dilate(0), with(Interpolation.AVERAGE));
        assertEquals((0.5 * 0 + 1 * 30) / 1.5, tile.get(0, 0, 0), 1e-4);
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    @DisplayName("nodata is never interpolated into data, and data never disappears under a valid centre")
    void noDataNeverInterpolated(Interpolation interpolation) {
        // values 100..199 with a cross of nodata
        MemoryRaster raster = raster(16, 16, (x, y) -> x == 7 || y == 9 ? (int) NODATA : 100 + (x * 7 + y * 3) % 100,
                OptionalDouble.of(NODATA));
        Footprint request = grid(raster, -1.3, -0.7, 4.1, 45, 45); // over the edges too
        Tile tile = raster.get(request, with(interpolation));
        Tile nearest = raster.get(request, with(Interpolation.NEAREST));
        int data = 0;
        for (int i = 0; i < tile.floats(0).length; i++) {
            float value = tile.floats(0)[i];
            if (value != NODATA) {
                data++;
                assertTrue(value >= 100 - 1e-3 && value <= 199 + 1e-3 || interpolation == Interpolation.CUBIC && value > 50,
                        interpolation + " mixed nodata into pixel " + i + ": " + value);
            }
            if (interpolation != Interpolation.AVERAGE) {
                assertEquals(nearest.floats(0)[i] == NODATA, value == NODATA, "same mask as nearest at pixel " + i);
            }
        }
        assertTrue(data > 1000, "most pixels have data: " + data);
    }

    @Test
    @DisplayName("requests fully outside are nodata; destination nodata replaces the source's, on any grid")
    void outsideAndDestinationNoData() {
        MemoryRaster raster = raster(8, 8, (x, y) -> x == 3 && y == 3 ? (int) NODATA : 1 + x + y, OptionalDouble.of(NODATA));
        Tile outside = raster.get(grid(raster, 20, 3, 5, 4, 4), with(Interpolation.BILINEAR));
        for (float v : outside.floats(0)) {
            assertEquals(NODATA, v);
        }
        QueryOptions minusOne = QueryOptions.lookahead(1).withDestinationNoData(-1);
        Tile sameGrid = raster.get(raster.footprint().subGrid(-2, 0, 6, 5), minusOne);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 6; x++) {
                int sx = x - 2;
                float expected = sx < 0 ? -1 : sx == 3 && y == 3 ? -1 : 1 + sx + y;
                assertEquals(expected, sameGrid.get(0, x, y), "pixel " + x + "," + y);
            }
        }
        Tile noNoData = raster(4, 4, (x, y) -> 0, OptionalDouble.empty()).get(grid(raster, -2, 0, 10, 4, 1), minusOne);
        assertEquals(-1, noNoData.get(0, 0, 0), "outside a raster without nodata: the destination nodata");
        assertEquals(0, noNoData.get(0, 2, 0), "its zeros are data");
    }

    @Test
    @DisplayName("average refuses rotated grids with an error that says what works")
    void averageNeedsAlignedGrids() {
        MemoryRaster raster = raster(8, 8, (x, y) -> x, OptionalDouble.empty());
        Footprint rotated = Footprint.of(new GeoTransform(1000, 10, 2, 2000, 2, -10), 4, 4);
        var error = assertThrows(UnsupportedOperationException.class, () -> raster.get(rotated, with(Interpolation.AVERAGE)));
        assertTrue(error.getMessage().contains("NEAREST, BILINEAR or CUBIC"), error.getMessage());
        raster.get(rotated, with(Interpolation.BILINEAR)); // works
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    @DisplayName("inside a real DEM, every method equals gdalwarp's")
    void equalsGdalwarp(Interpolation interpolation, @TempDir Path temp) {
        Path dem = TestData.raster("srtm_bigtujunga30m_utm11.tif");
        FileRaster raster = session.open(dem);
        // up-sampling 2.5x (down-sampling 2x for average) over an inner window, away from the edges;
        // the offset of 0.1 pixel keeps every centre off source pixel edges, where nearest could go either way
        boolean average = interpolation == Interpolation.AVERAGE;
        Footprint request = average ? grid(raster, 400, 200, 60, 100, 80) : grid(raster, 400.1, 200.1, 12, 100, 80);
        double[] extent = request.extent();
        Path warped = temp.resolve("warped.tif");
        // the DEM is Int16, and so are both answers: gdalwarp's and ours round the interpolated values
        GdalTools.run("gdalwarp", "-q", "-r", interpolation.name().toLowerCase(Locale.ROOT),
                "-te", Double.toString(extent[0]), Double.toString(extent[1]), Double.toString(extent[2]),
                Double.toString(extent[3]), "-ts", "100", "80", dem.toString(), warped.toString());
        float[] expected = new float[100 * 80];
        try (RasterDataset dataset = RasterDataset.open(warped)) {
            dataset.read(Window.of(100, 80), 1, DataType.FLOAT32, expected);
        }
        Tile tile = raster.get(request, with(interpolation));
        assertEquals(raster.dataType(), tile.type(), "the tile keeps the DEM's type");
        // nearest copies values; the others may round a value lying within float noise of .5 the other way
        double tolerance = interpolation == Interpolation.NEAREST ? 0 : 1;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], tile.floats(0)[i], tolerance, interpolation + " pixel " + i % 100 + "," + i / 100);
        }
    }
}
