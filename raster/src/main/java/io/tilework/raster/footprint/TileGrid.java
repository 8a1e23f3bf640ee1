package io.tilework.raster.footprint;

import java.util.List;

/** Tiles in rows (top to bottom) of columns (left to right); {@link #tiles()} is row-major. */
public record TileGrid(int rows, int columns, List<Footprint> tiles) {

    public TileGrid {
        tiles = List.copyOf(tiles);
        if (tiles.size() != rows * columns) {
            throw new IllegalArgumentException(tiles.size() + " tiles for " + rows + " x " + columns);
        }
    }

    public Footprint get(int row, int column) {
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new IndexOutOfBoundsException("tile (" + row + ", " + column + ") of " + rows + " x " + columns);
        }
        return tiles.get(row * columns + column);
    }

    public int size() {
        return tiles.size();
    }
}
