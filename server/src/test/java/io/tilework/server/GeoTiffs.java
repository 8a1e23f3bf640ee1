package io.tilework.server;

import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.GeoTiffOptions;
import io.tilework.gdal.raster.GeoTransform;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.RasterSpec;
import io.tilework.gdal.raster.Window;
import io.tilework.gdal.srs.SpatialReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** Small Float32 GeoTIFFs written with GDAL for the raster routes' tests, and their windows read back with GDAL as oracles. */
public final class GeoTiffs {

    /** UTM 31N, 10 m pixels. */
    public static final GeoTransform GRID = new GeoTransform(500_000, 10, 0, 4_600_000, 0, -10);
    public static final int EPSG = 32631;
    public static final int BLOCK = 64;

    /** The value of band {@code band} (0-based) at pixel (x, y). */
    @FunctionalInterface
    public interface Values {
        float at(int band, int x, int y);
    }

    private GeoTiffs() {
    }

    /** Writes a tiled Float32 GeoTIFF on {@link #GRID}. */
    public static Path write(Path file, int width, int height, int bands, OptionalDouble noData, Values values) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (RasterDataset dataset = RasterDataset.createGeoTiff(file, new RasterSpec(width, height, bands, DataType.FLOAT32),
                GeoTiffOptions.defaults().tiled(BLOCK, BLOCK));
             SpatialReference srs = SpatialReference.fromEpsg(EPSG)) {
            dataset.setGeoTransform(GRID);
            dataset.setSpatialReference(srs);
            for (int band = 0; band < bands; band++) {
                float[] pixels = new float[width * height];
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        pixels[y * width + x] = values.at(band, x, y);
                    }
                }
                dataset.write(Window.of(width, height), band + 1, DataType.FLOAT32, pixels);
                if (noData.isPresent()) {
                    dataset.setNoData(band + 1, noData.getAsDouble());
                }
            }
        }
        return file;
    }

    /** A DEM of {@code width x height}: smooth hills with some roughness, and a few nodata (-9999) pixels at (150..153, 100..102). */
    public static Path dem(Path file, int width, int height) {
        return write(file, width, height, 1, OptionalDouble.of(-9999), (band, x, y) -> {
            if (x >= 150 && x < 154 && y >= 100 && y < 103) {
                return -9999;
            }
            return (float) (100 + 30 * Math.sin(x / 17.0) * Math.cos(y / 23.0) + 0.005 * x * y + ((x * 7919 + y * 104729) % 13) / 10.0);
        });
    }

    /** {@code window} of band {@code band} (1-based) as GDAL reads it in Float32. */
    public static float[] read(Path file, int band, Window window) {
        try (RasterDataset dataset = RasterDataset.open(file)) {
            float[] values = new float[Math.toIntExact(window.pixelCount())];
            dataset.read(window, band, DataType.FLOAT32, values);
            return values;
        }
    }
}
