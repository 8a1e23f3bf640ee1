/**
 * Rasters computed tile by tile: {@link io.tilework.raster.footprint.Footprint footprints}
 * (georeferenced pixel grids), rasters read from files, and recipes computed from other rasters
 * on the engine and cached in its chunk store.
 */
package io.tilework.raster;
