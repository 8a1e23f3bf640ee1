package io.tilework.charts.stage;

import io.tilework.charts.failure.CellUnreadable;
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
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Stage 2, main production: every object of a reprojected chart clipped into the quadtree cells
 * of the chart's zoom levels (each level clipped from its parent's piece), each area piece
 * triangulated, and a display point for each area and line, placed in its tile at every level.
 */
public final class Production {

    /**
     * The tiles of its first zoom level an object may touch. At the zooms of their scale, the
     * shared cells' objects touch at most 20 tiles of that level (US5WA22M's MAGVAR); an object
     * across a thousand has damaged coordinates (or the zooms asked for are far too deep), and
     * cutting it would take the time and memory of thousands of tiles at every level.
     */
    static final long MAX_TILES_PER_OBJECT = 1024;

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
        if (geometry.getDimension() > 0) {
            long tiles = grid.tileCount(geometry.getEnvelopeInternal(), zooms.min());
            if (tiles > MAX_TILES_PER_OBJECT) {
                throw new CellUnreadable(chart + ": object " + feature.get("rcid") + " (" + feature.get("class") + ") spans "
                        + String.format(Locale.ROOT, "%,d", tiles) + " tiles at zoom " + zooms.min() + ", more than the "
                        + String.format(Locale.ROOT, "%,d", MAX_TILES_PER_OBJECT) + " an object of a chart may: its coordinates look damaged"
                        + " (if they are right, choose lower --zooms)");
            }
        }
        var template = new Piece(new TileId(0, 0, 0), chart, (String) feature.get("class"),
                ((Number) feature.get("rcid")).longValue(), Piece.Kind.FEATURE, (String) feature.get("attributes"), null, null);
        var pieces = new ArrayList<Piece>();
        TileClipping.clip(geometry, grid, zooms, (tile, piece) -> pieces.add(template.withTile(tile)
                .withGeometry(piece, piece.getDimension() == 2 ? ChartGeometry.triangulate(piece) : null)));
        Point display = geometry.isEmpty() ? null : ChartGeometry.displayPoint(geometry);
        if (display != null) {
            for (int z = zooms.min(); z <= zooms.max(); z++) {
                pieces.add(new Piece(grid.tileOf(display.getX(), display.getY(), z), template.chart(), template.objectClass(),
                        template.recordId(), Piece.Kind.DISPLAY_POINT, template.attributes(), display, null));
            }
        }
        return pieces;
    }

    private static void write(DataOutputStream out, Piece piece) {
        try {
            PieceCodec.write(out, piece);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
