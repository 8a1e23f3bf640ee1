package io.tilework.raster.terrain;

/** gdaldem's angle constants, spelled as it computes them so that results round alike. */
final class Angles {

    static final double DEGREES_TO_RADIANS = Math.PI / 180.0;
    static final double RADIANS_TO_DEGREES = 180.0 / Math.PI;

    private Angles() {
    }
}
