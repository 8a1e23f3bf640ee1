package io.tilework.raster.terrain;

/** How slope, aspect and hillshade estimate the surface gradient from a 3 x 3 window. */
public enum Gradient {
    /** Horn (1981): weighted differences of all eight neighbours; gdaldem's default. */
    HORN("Horn"),
    /** Zevenbergen and Thorne (1987): the four edge neighbours only; smoother terrain, less noise. */
    ZEVENBERGEN_THORNE("ZevenbergenThorne");

    private final String gdalName;

    Gradient(String gdalName) {
        this.gdalName = gdalName;
    }

    /** The name gdaldem's {@code -alg} takes. */
    public String gdalName() {
        return gdalName;
    }
}
