package io.tilework.server.rasters;

import io.tilework.raster.Raster;

/**
 * A raster a client opened, as the API names it.
 *
 * @param id       stable for the same file or recipe: a digest of the raster's identity
 * @param kind     "file" or "recipe"
 * @param name     the file's path under the data root, or what the recipe is ("terrain.slope of dem.tif")
 * @param raster   the raster, shared by every client that opened it
 * @param tileSize the file's block width, or the recipe's cache tile side
 */
public record OpenRaster(String id, String kind, String name, Raster raster, int tileSize) {
}
