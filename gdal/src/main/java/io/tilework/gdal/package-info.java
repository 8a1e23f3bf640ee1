/**
 * GDAL, OGR and OSR bound with {@code java.lang.foreign}: start with
 * {@link io.tilework.gdal.raster.RasterDataset}, {@link io.tilework.gdal.vector.VectorDataset} or
 * {@link io.tilework.gdal.srs.SpatialReference}.
 *
 * <p>{@link io.tilework.gdal.Gdal} loads the library (by its versioned name, or
 * {@code TILEWORK_GDAL_LIBRARY}) and initialises it once; every failure of a GDAL call becomes a
 * {@link io.tilework.gdal.GdalException} naming the file. Handles are {@code AutoCloseable};
 * closing twice is harmless and use after close throws. A dataset handle belongs to one thread
 * at a time.
 *
 * <p>This is the only module that touches native memory. {@code internal} holds the raw C
 * functions and may change at any time.
 */
package io.tilework.gdal;
