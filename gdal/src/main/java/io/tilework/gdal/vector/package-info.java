/**
 * Vector datasets (S-57, GeoPackage, GeoJSON, MBTiles, ...): layers, fields, filters and
 * features with JTS geometries; creating layers and writing features in transactions.
 */
package io.tilework.gdal.vector;
