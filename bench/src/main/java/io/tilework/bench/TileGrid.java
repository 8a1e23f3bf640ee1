package io.tilework.bench;

import io.tilework.gdal.raster.Window;

/**
 * A raster cut into the windows of its own blocks (tiles), numbered row-major from the top left.
 * Right and bottom tiles are clipped to the raster.
 */
record TileGrid(int width, int height, int tileWidth, int tileHeight) {

    TileGrid {
        if (width <= 0 || height <= 0 || tileWidth <= 0 || tileHeight <= 0) {
            throw new IllegalArgumentException("raster and tile sizes must be positive: " + width + "x" + height
                    + " in " + tileWidth + "x" + tileHeight + " tiles");
        }
    }

    int columns() {
        return Math.ceilDiv(width, tileWidth);
    }

    int rows() {
        return Math.ceilDiv(height, tileHeight);
    }

    int count() {
        return columns() * rows();
    }

    Window window(int index) {
        int x = index % columns() * tileWidth;
        int y = index / columns() * tileHeight;
        return new Window(x, y, Math.min(tileWidth, width - x), Math.min(tileHeight, height - y));
    }

    long pixelsPerTile() {
        return (long) tileWidth * tileHeight;
    }
}
