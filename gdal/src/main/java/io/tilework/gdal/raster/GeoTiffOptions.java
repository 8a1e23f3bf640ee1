package io.tilework.gdal.raster;

import java.util.Collections;
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
 * @param others      any other GTiff creation option (e.g. ZLEVEL, NUM_THREADS), passed as is
 */
public record GeoTiffOptions(int blockWidth, int blockHeight, String compress, int predictor, String bigTiff,
                             Map<String, String> others) {

    public GeoTiffOptions {
        others = Collections.unmodifiableMap(new LinkedHashMap<>(others));
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
        return new GeoTiffOptions(0, 0, null, 0, null, Map.of());
    }

    public GeoTiffOptions tiled(int width, int height) {
        return new GeoTiffOptions(width, height, compress, predictor, bigTiff, others);
    }

    public GeoTiffOptions compress(String method) {
        return new GeoTiffOptions(blockWidth, blockHeight, method.toUpperCase(Locale.ROOT), predictor, bigTiff, others);
    }

    public GeoTiffOptions predictor(int value) {
        return new GeoTiffOptions(blockWidth, blockHeight, compress, value, bigTiff, others);
    }

    public GeoTiffOptions bigTiff(String mode) {
        return new GeoTiffOptions(blockWidth, blockHeight, compress, predictor, mode.toUpperCase(Locale.ROOT), others);
    }

    /**
     * This with creation option {@code key=value}, as given to {@code gdal_translate -co}:
     * COMPRESS, PREDICTOR and BIGTIFF set their fields, others are passed as they are.
     *
     * @throws IllegalArgumentException for TILED, BLOCKXSIZE or BLOCKYSIZE: use {@link #tiled}
     */
    public GeoTiffOptions option(String key, String value) {
        String name = key.trim().toUpperCase(Locale.ROOT);
        if (name.isEmpty() || value == null) {
            throw new IllegalArgumentException("a creation option needs a name and a value: '" + key + "=" + value + "'");
        }
        return switch (name) {
            case "TILED", "BLOCKXSIZE", "BLOCKYSIZE" -> throw new IllegalArgumentException("creation option " + name
                    + " is set by the tile size (tiled(width, height)), not as an option");
            case "COMPRESS" -> value.equalsIgnoreCase("NONE") ? new GeoTiffOptions(blockWidth, blockHeight, null, predictor,
                    bigTiff, others) : compress(value);
            case "PREDICTOR" -> {
                try {
                    yield predictor(Integer.parseInt(value.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("PREDICTOR must be 1, 2 or 3, not '" + value + "'");
                }
            }
            case "BIGTIFF" -> bigTiff(value);
            default -> {
                var more = new LinkedHashMap<>(others);
                more.put(name, value);
                yield new GeoTiffOptions(blockWidth, blockHeight, compress, predictor, bigTiff, more);
            }
        };
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
        options.putAll(others);
        return options;
    }
}
