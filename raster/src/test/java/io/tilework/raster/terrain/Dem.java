package io.tilework.raster.terrain;

import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.GeoTransform;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.Window;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** A DEM band read whole through the gdal module, cut into tiles as a tiled engine would. */
record Dem(String name, float[] pixels, int width, int height, OptionalDouble noData, GeoTransform transform,
           DataType type) {

    /** Band 1 of a raster, read as Float32, with its nodata, geotransform and pixel type. */
    static Dem read(Path path) {
        try (RasterDataset dataset = RasterDataset.open(path)) {
            int width = dataset.width();
            int height = dataset.height();
            float[] pixels = new float[width * height];
            dataset.read(Window.of(width, height), 1, DataType.FLOAT32, pixels);
            GeoTransform transform = dataset.geoTransform().orElse(new GeoTransform(0, 1, 0, 0, 0, 1));
            return new Dem(path.getFileName().toString(), pixels, width, height, dataset.band(1).noData(), transform,
                    dataset.dataType(1));
        }
    }

    DemTile whole() {
        return DemTile.wholeRaster(pixels, width, height, noData, transform.pixelWidth(), transform.pixelHeight(), type);
    }

    /**
     * The tile at column {@code x}, row {@code y}, with its halo taken from the raster and the
     * sides at the raster's border flagged outside (their halo filled with garbage, which must
     * not matter).
     */
    DemTile tile(int x, int y, int tileWidth, int tileHeight) {
        float[] values = new float[(tileWidth + 2) * (tileHeight + 2)];
        for (int row = -1; row <= tileHeight; row++) {
            for (int col = -1; col <= tileWidth; col++) {
                int rasterRow = y + row;
                int rasterCol = x + col;
                boolean inside = rasterRow >= 0 && rasterRow < height && rasterCol >= 0 && rasterCol < width;
                values[(row + 1) * (tileWidth + 2) + col + 1] = inside ? pixels[rasterRow * width + rasterCol] : 12345.678f;
            }
        }
        return new DemTile(values, tileWidth, tileHeight, x == 0, y == 0, x + tileWidth == width,
                y + tileHeight == height, noData, transform.pixelWidth(), transform.pixelHeight(), type);
    }

    /** The operation computed tile by tile, tiles of at most {@code tileWidth x tileHeight}, assembled. */
    float[] tiled(TerrainOperation operation, int tileWidth, int tileHeight) {
        float[] result = new float[width * height];
        for (int y = 0; y < height; y += tileHeight) {
            for (int x = 0; x < width; x += tileWidth) {
                int w = Math.min(tileWidth, width - x);
                int h = Math.min(tileHeight, height - y);
                float[] out = new float[w * h];
                operation.apply(tile(x, y, w, h), out);
                for (int row = 0; row < h; row++) {
                    System.arraycopy(out, row * w, result, (y + row) * width + x, w);
                }
            }
        }
        return result;
    }

    float[] computed(TerrainOperation operation) {
        float[] out = new float[width * height];
        operation.apply(whole(), out);
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
