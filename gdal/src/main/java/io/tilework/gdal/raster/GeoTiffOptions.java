package io.tilework.gdal.raster;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Creation options for a GeoTIFF, as an immutable value:
 * {@code GeoTiffOptions.defaults().tiled(512, 512).compress("DEFLATE").predictor(2)}.
 *
 * @param blockWidth  tile width, or 0 for GDAL's default strips
 * @param blockHeight tile height, or 0 for GDAL's default strips
 * @param compress    TIFF compression (NONE, DEFLATE, LZW, ZSTD, ...), or null for none
 * @param predictor   1 none, 2 horizontal differencing, 3 floating point; 0 to leave unset
 * @param bigTiff     YES, NO, IF_NEEDED or IF_SAFER; null for GDAL's default (IF_NEEDED)
 */
public record GeoTiffOptions(int blockWidth, int blockHeight, String compress, int predictor, String bigTiff) {

    public GeoTiffOptions {
        if (blockWidth < 0 || blockHeight < 0 || (blockWidth == 0) != (blockHeight == 0)) {
            throw new IllegalArgumentException("tile size must be both positive or both 0: " + blockWidth + "x" + blockHeight);
        }
        if (blockWidth % 16 != 0 || blockHeight % 16 != 0) {
            throw new IllegalArgumentException("GeoTIFF tile sizes must be multiples of 16: " + blockWidth + "x" + blockHeight);
        }
        if (predictor < 0 || predictor > 3) {
            throw new IllegalArgumentException("PREDICTOR must be 1, 2 or 3: " + predictor);
        }
    }

    /** Striped, uncompressed, GDAL's defaults. */
    public static GeoTiffOptions defaults() {
        return new GeoTiffOptions(0, 0, null, 0, null);
    }

    public GeoTiffOptions tiled(int width, int height) {
        return new GeoTiffOptions(width, height, compress, predictor, bigTiff);
    }

    public GeoTiffOptions compress(String method) {
        return new GeoTiffOptions(blockWidth, blockHeight, method.toUpperCase(Locale.ROOT), predictor, bigTiff);
    }

    public GeoTiffOptions predictor(int value) {
        return new GeoTiffOptions(blockWidth, blockHeight, compress, value, bigTiff);
    }

    public GeoTiffOptions bigTiff(String mode) {
        return new GeoTiffOptions(blockWidth, blockHeight, compress, predictor, mode.toUpperCase(Locale.ROOT));
    }

    /** GDAL creation options ({@code -co}) for the GTiff driver. */
    public Map<String, String> toCreationOptions() {
        var options = new LinkedHashMap<String, String>();
        if (blockWidth > 0) {
            options.put("TILED", "YES");
            options.put("BLOCKXSIZE", Integer.toString(blockWidth));
            options.put("BLOCKYSIZE", Integer.toString(blockHeight));
        }
        if (compress != null) {
            options.put("COMPRESS", compress);
        }
        if (predictor > 0) {
            options.put("PREDICTOR", Integer.toString(predictor));
        }
        if (bigTiff != null) {
            options.put("BIGTIFF", bigTiff);
        }
        return options;
    }
}
