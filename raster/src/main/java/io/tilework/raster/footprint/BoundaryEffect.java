package io.tilework.raster.footprint;

/** What tiling does when tiles do not fit an axis exactly: where the leftover pixels go. */
public enum BoundaryEffect {
    /** One more tile of full size, reaching beyond the footprint. */
    EXTEND,
    /** One more tile of full size, moved back inside so that it overlaps its neighbour more. */
    OVERLAP,
    /** The leftover pixels get no tile. */
    EXCLUDE,
    /** One more tile, smaller, covering exactly the leftover pixels (and the overlap). */
    SHRINK,
    /** Leftover pixels are an error. */
    EXCEPTION
}
