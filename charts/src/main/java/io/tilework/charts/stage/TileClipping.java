package io.tilework.charts.stage;

import io.tilework.charts.tiles.TileGrid;
import io.tilework.charts.tiles.TileId;
import io.tilework.charts.tiles.ZoomRange;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The cutting of stage 2: a geometry into the quadtree tiles of a zoom range. Lines and areas are
 * clipped into the tiles of the first level they touch, and each piece again into its four
 * children, down to the last level, so deeper levels cut small pieces rather than the whole
 * geometry. Points go, per level, to the tile that holds them.
 */
public final class TileClipping {

    private TileClipping() {
    }

    /**
     * Hands every non-empty piece of a valid geometry ({@link ChartGeometry#valid}) to
     * {@code pieces} with its tile: per level for points, depth first (a tile, then its
     * children) for lines and areas.
     */
    public static void clip(Geometry geometry, TileGrid grid, ZoomRange zooms, BiConsumer<TileId, Geometry> pieces) {
        if (geometry.isEmpty()) {
            return;
        }
        if (geometry.getDimension() == 0) {
            placePoints(geometry, grid, zooms, pieces);
            return;
        }
        for (TileId tile : grid.tiles(geometry.getEnvelopeInternal(), zooms.min())) {
            clipInto(geometry, tile, grid, zooms, pieces);
        }
    }

    private static void placePoints(Geometry geometry, TileGrid grid, ZoomRange zooms, BiConsumer<TileId, Geometry> pieces) {
        List<Point> points = ChartGeometry.points(geometry);
        for (int z = zooms.min(); z <= zooms.max(); z++) {
            var byTile = new LinkedHashMap<TileId, List<Point>>();
            for (Point point : points) {
                byTile.computeIfAbsent(grid.tileOf(point.getX(), point.getY(), z), t -> new ArrayList<>()).add(point);
            }
            byTile.forEach((tile, inTile) -> pieces.accept(tile, inTile.size() == 1 ? inTile.getFirst()
                    : ChartGeometry.factory().createMultiPoint(inTile.toArray(Point[]::new))));
        }
    }

    private static void clipInto(Geometry geometry, TileId tile, TileGrid grid, ZoomRange zooms, BiConsumer<TileId, Geometry> pieces) {
        Geometry piece = ChartGeometry.clip(geometry, grid.bounds(tile));
        if (piece.isEmpty()) {
            return;
        }
        pieces.accept(tile, piece);
        if (tile.z() < zooms.max()) {
            for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 2; dx++) {
                    clipInto(piece, new TileId(tile.z() + 1, 2 * tile.x() + dx, 2 * tile.y() + dy), grid, zooms, pieces);
                }
            }
        }
    }
}
