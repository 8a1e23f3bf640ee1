/**
 * The failures a raster user can cause ({@link io.tilework.raster.failure.RasterFailure}), as
 * opposed to defects and to misuse of the API.
 */
package io.tilework.raster.failure;
