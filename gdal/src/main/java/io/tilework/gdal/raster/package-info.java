/**
 * Raster datasets: metadata, windowed reads and writes in any pixel type, creation of GeoTIFF,
 * COG and in-memory rasters, per-thread handle pooling ({@link io.tilework.gdal.raster.DatasetPool})
 * and GDAL's checksum ({@link io.tilework.gdal.raster.Checksum}).
 */
package io.tilework.gdal.raster;
