package io.tilework.charts.piece;

import io.tilework.charts.tiles.TileId;
import org.locationtech.jts.geom.Geometry;

/**
 * One chart object's part inside one quadtree tile: the clipped geometry, and for an area its
 * triangles (a MultiPolygon of triangles, null for points and lines). Display points are pieces
 * too, of kind {@link Kind#DISPLAY_POINT}.
 *
 * @param attributes the object's S-57 attributes as a JSON object
 */
public record Piece(TileId tile, String chart, String objectClass, long recordId, Kind kind, String attributes,
                    Geometry geometry, Geometry triangles) {

    public enum Kind {
        /** The object's geometry clipped to the tile. */
        FEATURE,
        /** Where to put the object's label or symbol: inside its area, on its line. */
        DISPLAY_POINT
    }

    public Piece withTile(TileId other) {
        return new Piece(other, chart, objectClass, recordId, kind, attributes, geometry, triangles);
    }

    public Piece withGeometry(Geometry clipped, Geometry triangulated) {
        return new Piece(tile, chart, objectClass, recordId, kind, attributes, clipped, triangulated);
    }
}
