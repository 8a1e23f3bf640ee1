package io.tilework.raster.failure;

/** A cache folder that holds the tiles of another raster; the message says to choose another folder or delete that one. */
public final class CacheConflict extends RasterFailure {

    public CacheConflict(String message) {
        super(message);
    }
}
