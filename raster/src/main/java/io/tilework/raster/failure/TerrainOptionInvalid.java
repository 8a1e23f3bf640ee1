package io.tilework.raster.failure;

/** A gdaldem mode or option that is unknown, belongs to another mode, or has a value out of range; the message lists what is accepted. */
public final class TerrainOptionInvalid extends RasterFailure {

    public TerrainOptionInvalid(String message) {
        super(message);
    }
}
