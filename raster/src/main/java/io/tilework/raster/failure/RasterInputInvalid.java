package io.tilework.raster.failure;

/** An input raster the operation cannot use: no bands, a sample type it does not read, grids that do not match. */
public final class RasterInputInvalid extends RasterFailure {

    public RasterInputInvalid(String message) {
        super(message);
    }
}
