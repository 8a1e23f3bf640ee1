package io.tilework.raster.failure;

import io.tilework.engine.failure.UserFailure;

/**
 * What a raster user can get wrong: gdaldem options that do not fit the operation, a file or
 * pair of files the operation cannot work on, a damaged file, a cache folder that belongs to
 * another raster.
 * The API's own preconditions stay {@code IllegalArgumentException}s: breaking them is a defect
 * of the calling code, not of the data.
 */
public abstract sealed class RasterFailure extends UserFailure permits TerrainOptionInvalid, RasterInputInvalid, RasterFileDamaged, CacheConflict {

    RasterFailure(String message) {
        super(message);
    }

    RasterFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
