package io.tilework.raster.terrain;

import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.GeoTiffOptions;
import io.tilework.gdal.raster.GeoTransform;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.RasterSpec;
import io.tilework.gdal.raster.Window;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Small DEMs written to GeoTIFF for cases the shared data lacks: floats with nodata holes at
 * the edges, NaN nodata, integers next to their nodata value, very steep terrain.
 */
final class SyntheticDems {

    private SyntheticDems() {
    }

    /** Float32, nodata -9999, fractional elevations, holes including on the border; 20 m pixels. */
    static Path floatWithHoles(Path dir) {
        int width = 61;
        int height = 47;
        var random = new Random(7);
        float[] values = new float[width * height];
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                values[row * width + col] = (float) (300 + 40 * Math.sin(col / 7.0) * Math.cos(row / 5.0)
                        + random.nextGaussian() * 3.7);
            }
        }
        punchHoles(values, width, height, random, -9999f);
        return write(dir.resolve("float-holes.tif"), DataType.FLOAT32, width, height, values,
                OptionalDouble.of(-9999), new GeoTransform(500000, 20, 0, 4100000, 0, -20));
    }

    /** Float32 whose nodata is NaN, with NaN holes; x and y pixel sizes differ. */
    static Path floatWithNanHoles(Path dir) {
        return floatWithNan(dir.resolve("float-nan.tif"), OptionalDouble.of(Double.NaN));
    }

    /** The same NaN holes in a band that declares no nodata: gdaldem then lets NaN flow through its formulas. */
    static Path floatWithUndeclaredNan(Path dir) {
        return floatWithNan(dir.resolve("float-nan-undeclared.tif"), OptionalDouble.empty());
    }

    private static Path floatWithNan(Path file, OptionalDouble noData) {
        int width = 40;
        int height = 33;
        var random = new Random(11);
        float[] values = new float[width * height];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (1200 + (i % width) * 2.25 - (i / width) * 1.5 + random.nextDouble() * 9);
        }
        punchHoles(values, width, height, random, Float.NaN);
        return write(file, DataType.FLOAT32, width, height, values, noData, new GeoTransform(0, 25, 0, 0, 0, -20));
    }

    /**
     * Int16 with nodata 100 and elevations just above it, so that extrapolating past the edge
     * (2 * edge - inner) often lands on the nodata value, which gdaldem then moves up by one.
     */
    static Path integersNearNoData(Path dir) {
        int width = 37;
        int height = 29;
        var random = new Random(3);
        float[] values = new float[width * height];
        for (int i = 0; i < values.length; i++) {
            values[i] = 101 + random.nextInt(40);
        }
        punchHoles(values, width, height, random, 100);
        return write(dir.resolve("int16-near-nodata.tif"), DataType.INT16, width, height, values,
                OptionalDouble.of(100), new GeoTransform(0, 10, 0, 0, 0, -10));
    }

    /**
     * Int16 without nodata, random elevations over 20 km of relief on 30 m pixels: gradients so
     * steep that the hillshade's approximate inverse square root changes some bytes. 149 columns
     * leave gdaldem three interior columns that it computes one at a time rather than four.
     */
    static Path steepIntegers(Path dir) {
        int width = 149;
        int height = 120;
        var random = new Random(5);
        float[] values = new float[width * height];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(20000) - 2000;
        }
        return write(dir.resolve("int16-steep.tif"), DataType.INT16, width, height, values, OptionalDouble.empty(),
                new GeoTransform(0, 30, 0, 0, 0, -30));
    }

    /**
     * A 3 x 3 Int16 DEM whose centre has Horn sums x = -1342 and y = -1196 at 30 m: the default
     * hillshade there is 202.49999... with gdaldem's inverse square root estimate (byte 202) but
     * 202.500003... with a true square root (byte 203).
     */
    static Path roundingWitness(Path dir) {
        float[] values = {1000, 1000, 1000, 1000, 1000, 1671, 1000, 1598, 1000};
        return write(dir.resolve("rsqrt-witness.tif"), DataType.INT16, 3, 3, values, OptionalDouble.empty(),
                new GeoTransform(0, 30, 0, 0, 0, -30));
    }

    private static void punchHoles(float[] values, int width, int height, Random random, float noData) {
        for (int i = 0; i < values.length / 25; i++) {
            values[random.nextInt(values.length)] = noData;
        }
        values[0] = noData;
        values[width * height - 1] = noData;
        values[width + 2] = noData;
        values[(height / 2) * width] = noData;
    }

    private static Path write(Path file, DataType type, int width, int height, float[] values, OptionalDouble noData,
                              GeoTransform transform) {
        try (RasterDataset dataset = RasterDataset.createGeoTiff(file, new RasterSpec(width, height, 1, type),
                GeoTiffOptions.defaults())) {
            dataset.setGeoTransform(transform);
            noData.ifPresent(value -> dataset.setNoData(1, value));
            dataset.write(Window.of(width, height), 1, DataType.FLOAT32, values);
        }
        return file;
    }
}
