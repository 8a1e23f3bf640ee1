/**
 * Coordinate reference systems and transformations between them, always in traditional GIS
 * axis order (x = longitude or easting).
 */
package io.tilework.gdal.srs;
