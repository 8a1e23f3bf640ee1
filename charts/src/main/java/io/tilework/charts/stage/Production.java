package io.tilework.charts.stage;

import io.tilework.charts.piece.Piece;
import io.tilework.charts.piece.PieceCodec;
import io.tilework.charts.tiles.TileGrid;
import io.tilework.charts.tiles.TileId;
import io.tilework.charts.tiles.ZoomRange;
import io.tilework.gdal.vector.Feature;
import io.tilework.gdal.vector.VectorDataset;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Stage 2, main production: every object of a reprojected chart clipped into the quadtree cells
 * of the chart's zoom levels (each level clipped from its parent's piece), each area piece
 * triangulated, and a display point for each area and line, placed in its tile at every level.
 */
public final class Production {

    /** Counts of one chart's production. */
    public record Counts(long features, long pieces, long displayPoints) {
    }

    private Production() {
    }

    public static Counts run(String chart, Path reprojected, TileGrid grid, ZoomRange zooms, Path output) throws IOException {
        long[] counts = new long[3];
        WorkFiles.writeAtomically(output, temporary -> {
            try (VectorDataset in = VectorDataset.open(reprojected);
                 Stream<Feature> features = in.layer(Reprojection.FEATURES).features();
                 var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16))) {
                features.forEach(feature -> {
                    counts[0]++;
                    if (feature.geometry() == null || feature.geometry().isEmpty()) {
                        return; // aggregations and collections (C_AGGR, C_ASSO) have no geometry to draw
                    }
                    for (Piece piece : pieces(chart, feature, grid, zooms)) {
                        write(out, piece);
                        counts[piece.kind() == Piece.Kind.FEATURE ? 1 : 2]++;
                    }
                });
            }
        });
        return new Counts(counts[0], counts[1], counts[2]);
    }

    /** The pieces and display points of one object. */
    static List<Piece> pieces(String chart, Feature feature, TileGrid grid, ZoomRange zooms) {
        Geometry geometry = ChartGeometry.valid(feature.geometry());
        var template = new Piece(new TileId(0, 0, 0), chart, (String) feature.get("class"),
                ((Number) feature.get("rcid")).longValue(), Piece.Kind.FEATURE, (String) feature.get("attributes"), null, null);
        var pieces = new ArrayList<Piece>();
        if (geometry.getDimension() == 0) {
            for (int z = zooms.min(); z <= zooms.max(); z++) {
                var byTile = new LinkedHashMap<TileId, List<Point>>();
                for (Point point : ChartGeometry.points(geometry)) {
                    byTile.computeIfAbsent(grid.tileOf(point.getX(), point.getY(), z), t -> new ArrayList<>()).add(point);
                }
                for (Map.Entry<TileId, List<Point>> tile : byTile.entrySet()) {
                    List<Point> points = tile.getValue();
                    Geometry part = points.size() == 1 ? points.getFirst()
                            : ChartGeometry.factory().createMultiPoint(points.toArray(Point[]::new));
                    pieces.add(new Piece(tile.getKey(), template.chart(), template.objectClass(), template.recordId(),
                            Piece.Kind.FEATURE, template.attributes(), part, null));
                }
            }
            return pieces;
        }
        if (geometry.isEmpty()) {
            return pieces;
        }
        for (TileId tile : grid.tiles(geometry.getEnvelopeInternal(), zooms.min())) {
            clipInto(template, geometry, tile, grid, zooms, pieces);
        }
        Point display = ChartGeometry.displayPoint(geometry);
        if (display != null) {
            for (int z = zooms.min(); z <= zooms.max(); z++) {
                pieces.add(new Piece(grid.tileOf(display.getX(), display.getY(), z), template.chart(), template.objectClass(),
                        template.recordId(), Piece.Kind.DISPLAY_POINT, template.attributes(), display, null));
            }
        }
        return pieces;
    }

    private static void clipInto(Piece template, Geometry geometry, TileId tile, TileGrid grid, ZoomRange zooms, List<Piece> pieces) {
        Geometry piece = ChartGeometry.clip(geometry, grid.bounds(tile));
        if (piece.isEmpty()) {
            return;
        }
        Geometry triangles = piece.getDimension() == 2 ? ChartGeometry.triangulate(piece) : null;
        pieces.add(template.withTile(tile).withGeometry(piece, triangles));
        if (tile.z() < zooms.max()) {
            for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 2; dx++) {
                    clipInto(template, piece, new TileId(tile.z() + 1, 2 * tile.x() + dx, 2 * tile.y() + dy), grid, zooms, pieces);
                }
            }
        }
    }

    private static void write(DataOutputStream out, Piece piece) {
        try {
            PieceCodec.write(out, piece);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
