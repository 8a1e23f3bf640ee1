package io.tilework.raster.footprint;

/** Which end of each axis gets the irregular tile when tiles do not fit exactly. */
public enum TileLocus {
    /** The last column and the last row (the default). */
    BOTTOM_RIGHT,
    /** The first column and the first row. */
    TOP_LEFT
}
