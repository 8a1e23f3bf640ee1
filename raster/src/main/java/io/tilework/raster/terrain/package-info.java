/**
 * Terrain operations as {@code gdaldem} (GDAL 3.6) computes them, bit for bit, on tiles.
 *
 * <p>Start with {@link io.tilework.raster.terrain.TerrainOperations#parse}, which turns a
 * gdaldem mode and options into a {@link io.tilework.raster.terrain.TerrainOperation}, or build
 * one of the option records ({@link io.tilework.raster.terrain.Slope},
 * {@link io.tilework.raster.terrain.Aspect}, {@link io.tilework.raster.terrain.Hillshade},
 * {@link io.tilework.raster.terrain.TerrainRuggednessIndex},
 * {@link io.tilework.raster.terrain.TopographicPositionIndex},
 * {@link io.tilework.raster.terrain.Roughness}) directly. Feed it
 * {@link io.tilework.raster.terrain.DemTile}s: a tile plus a one-pixel halo, with the sides
 * that lie outside the raster flagged, so that results do not depend on the tiling.
 * {@link io.tilework.raster.terrain.Ndvi} is the one band-math operation kept here.
 *
 * <p>The kernels are pure Java and follow gdaldem's arithmetic step by step: sums of
 * elevations in float (integers for Byte, Int16 and UInt16 sources, which gdaldem reads as
 * such), slopes and angles in double, results cast to float, and the hillshade's approximate
 * inverse square root (x86-64 SSE) reproduced from a table.
 */
package io.tilework.raster.terrain;
