package io.tilework.charts.tiles;

/**
 * A quadtree cell: zoom level, column from the west, row from the north (XYZ numbering).
 * Ordered by zoom, then row, then column.
 */
public record TileId(int z, int x, int y) implements Comparable<TileId> {

    public TileId {
        if (z < 0 || z > 24 || x < 0 || y < 0) {
            throw new IllegalArgumentException("no tile " + z + "/" + x + "/" + y);
        }
    }

    /** The ancestor {@code levels} zooms up (itself for 0). */
    public TileId ancestor(int levels) {
        int up = Math.min(levels, z);
        return new TileId(z - up, x >> up, y >> up);
    }

    @Override
    public int compareTo(TileId other) {
        int c = Integer.compare(z, other.z);
        if (c == 0) {
            c = Integer.compare(y, other.y);
        }
        return c == 0 ? Integer.compare(x, other.x) : c;
    }

    @Override
    public String toString() {
        return z + "/" + x + "/" + y;
    }
}
