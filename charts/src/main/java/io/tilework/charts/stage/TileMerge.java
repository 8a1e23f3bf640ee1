package io.tilework.charts.stage;

import io.tilework.charts.piece.ChartBundle;
import io.tilework.charts.piece.Piece;
import io.tilework.charts.piece.PieceCodec;
import io.tilework.charts.product.LayerSchema;
import io.tilework.charts.product.VectorTile;
import io.tilework.charts.tiles.TileGrid;
import io.tilework.charts.tiles.TileId;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.GZIPOutputStream;

/**
 * Stage 4, post-production per quadtree cell: the charts that touch a tile merged into one
 * vector tile. Charts are taken from the most detailed (highest usage band, then largest
 * compilation scale, then name) to the least; what a chart's data coverage already holds is cut
 * out of every chart after it, and cut areas are triangulated again.
 *
 * <p>One work unit is a block of tiles under one ancestor, so units stay few and small. Its
 * output: the tiles (gzip MVT), the layers' schema, and the area pieces and display points the
 * product's GeoPackage receives.
 */
public final class TileMerge {

    /** Display points go to a layer of their own in the vector tiles. */
    public static final String DISPLAY_POINTS_LAYER = "display_points";

    /** The most detailed chart first. */
    public static final Comparator<ChartBundle.Description> DETAIL_FIRST =
            Comparator.comparingInt(ChartBundle.Description::band).reversed()
                    .thenComparingInt(d -> d.compilationScale() == 0 ? Integer.MAX_VALUE : d.compilationScale())
                    .thenComparing(ChartBundle.Description::name);

    /** Counts of one unit. */
    public record Counts(long tiles, long pieces, long cut, long dropped) {
    }

    private TileMerge() {
    }

    /** Merges {@code tiles} (each with the bundles of the charts that have pieces there) into {@code output}. */
    public static Counts run(TileGrid grid, SortedMap<TileId, List<ChartBundle>> tiles, Path output) throws IOException {
        long[] counts = new long[4];
        WorkFiles.writeAtomically(output, temporary -> {
            var schema = new LayerSchema();
            var products = new ArrayList<Piece>();
            try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16))) {
                out.writeInt(tiles.size());
                for (Map.Entry<TileId, List<ChartBundle>> entry : tiles.entrySet()) {
                    TileId tile = entry.getKey();
                    List<Piece> kept = merge(grid, tile, entry.getValue(), counts);
                    var vectorTile = new VectorTile(grid.bounds(tile));
                    for (Piece piece : kept) {
                        Map<String, Object> attributes = attributes(piece);
                        String layer = piece.kind() == Piece.Kind.DISPLAY_POINT ? DISPLAY_POINTS_LAYER : piece.objectClass();
                        if (vectorTile.add(layer, piece.recordId(), piece.geometry(), attributes)) {
                            schema.add(layer, tile.z(), attributes);
                        }
                        if (piece.triangles() != null || piece.kind() == Piece.Kind.DISPLAY_POINT) {
                            products.add(piece);
                        }
                    }
                    out.writeByte(tile.z());
                    out.writeInt(tile.x());
                    out.writeInt(tile.y());
                    byte[] data = gzip(vectorTile.encode());
                    out.writeInt(data.length);
                    out.write(data);
                    counts[0]++;
                }
                byte[] schemaBytes = schema.toJson();
                out.writeInt(schemaBytes.length);
                out.write(schemaBytes);
                for (Piece piece : products) {
                    PieceCodec.write(out, piece);
                }
            }
        });
        return new Counts(counts[0], counts[1], counts[2], counts[3]);
    }

    private static List<Piece> merge(TileGrid grid, TileId tile, List<ChartBundle> charts, long[] counts) throws IOException {
        Envelope bounds = grid.bounds(tile);
        var ranked = new ArrayList<>(charts);
        ranked.sort(Comparator.comparing(ChartBundle::description, DETAIL_FIRST));
        Geometry covered = null;
        var kept = new ArrayList<Piece>();
        for (ChartBundle chart : ranked) {
            for (Piece piece : chart.pieces(tile)) {
                Piece result = covered == null ? piece : cut(piece, covered);
                if (result == null) {
                    counts[3]++;
                    continue;
                }
                if (result != piece) {
                    counts[2]++;
                }
                kept.add(result);
                counts[1]++;
            }
            Geometry coverage = ChartGeometry.clip(chart.coverage(), bounds);
            if (!coverage.isEmpty()) {
                covered = covered == null ? coverage : OverlayNGRobust.overlay(covered, coverage, OverlayNG.UNION);
            }
        }
        return kept;
    }

    /** What is left of a piece outside a more detailed chart's coverage: itself, a cut copy, or null. */
    static Piece cut(Piece piece, Geometry covered) {
        Geometry geometry = piece.geometry();
        if (geometry.getDimension() == 0) {
            var outside = ChartGeometry.points(geometry).stream().filter(p -> !covered.covers(p)).toArray(Point[]::new);
            if (outside.length == geometry.getNumGeometries()) {
                return piece;
            }
            if (outside.length == 0) {
                return null;
            }
            Geometry left = outside.length == 1 ? outside[0] : ChartGeometry.factory().createMultiPoint(outside);
            return piece.withGeometry(left, null);
        }
        if (!covered.getEnvelopeInternal().intersects(geometry.getEnvelopeInternal())) {
            return piece;
        }
        if (covered.covers(geometry)) {
            return null;
        }
        if (!covered.intersects(geometry)) {
            return piece;
        }
        Geometry left = ChartGeometry.minus(geometry, covered);
        if (left.isEmpty()) {
            return null;
        }
        return piece.withGeometry(left, left.getDimension() == 2 ? ChartGeometry.triangulate(left) : null);
    }

    /** A piece's attributes in the vector tile: the S-57 ones, then its chart (and class, for display points). */
    private static Map<String, Object> attributes(Piece piece) {
        var attributes = new LinkedHashMap<>(Attributes.parse(piece.attributes()));
        attributes.put("chart", piece.chart());
        if (piece.kind() == Piece.Kind.DISPLAY_POINT) {
            attributes.put("class", piece.objectClass());
        }
        return attributes;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        var bytes = new ByteArrayOutputStream(data.length / 2 + 64);
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** The work unit a tile belongs to, named by its ancestor. */
    public static TileId unitOf(TileId tile) {
        return tile.ancestor(UNIT_LEVELS);
    }

    /** A unit holds the tiles under an ancestor this many levels up: up to 64 tiles. */
    public static final int UNIT_LEVELS = 3;
}
