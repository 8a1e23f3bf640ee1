package io.tilework.charts.stage;

import io.tilework.charts.ChartCells;
import io.tilework.charts.catalog.CellFiles;
import io.tilework.charts.piece.Piece;
import io.tilework.charts.tiles.TileGrid;
import io.tilework.charts.tiles.ZoomRange;
import io.tilework.gdal.vector.Feature;
import io.tilework.gdal.vector.VectorDataset;
import io.tilework.charts.failure.CellUnreadable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Stage 2 on real cells, object by object: clipped pieces conserve area at every zoom, triangles
 * cover each area piece exactly, display points lie inside their area or on their line.
 */
@DisplayName("Stage 2: clipping, triangles and display points")
class ProductionTest {

    private static final double RELATIVE = 1e-9;
    private static final TileGrid GRID = TileGrid.webMercator();

    @TempDir
    Path temp;

    @Test
    @DisplayName("an area whose coordinates are damaged across 2,000 tiles of its zoom fails its chart, by name, before it is cut")
    void objectAcrossThousandsOfTiles_failsTheChart() {
        // AA5C1MNS's depth area (at 5.1 W, 15.0 N) with its southern edge moved to 60 S: one tile wide, 2,000 tall at zoom 13
        Geometry area = new GeometryFactory().toGeometry(new Envelope(-571_000, -568_000, -8_400_000, 1_690_000));
        var feature = new Feature(5, Map.of("class", "DEPARE", "rcid", 42L, "attributes", "{}"), area);
        var failure = assertThrows(CellUnreadable.class, () -> Production.pieces("AA5C1MNS", feature, GRID, new ZoomRange(13, 13)));
        assertTrue(failure.getMessage().startsWith("AA5C1MNS: object 42 (DEPARE) spans ") && failure.getMessage().contains(" tiles at zoom 13"),
                failure.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"US5WA22M", "AA4C1XMS", "AA5C1CDE", "AA5C1QO2"})
    void everyObject_isConservedTriangulatedAndLabelled(String name) throws IOException {
        CellFiles cell = ChartCells.cell(name);
        Path reprojected = temp.resolve(name + ".gpkg");
        Reprojection.ChartHeader header = Reprojection.run(cell, "EPSG:3857", reprojected);
        ZoomRange zooms = ZoomRange.forChart(GRID, header.compilationScale(), cell.band());
        var problems = new ArrayList<String>();
        int[] checked = new int[3];
        try (VectorDataset in = VectorDataset.open(reprojected); Stream<Feature> features = in.layer(Reprojection.FEATURES).features()) {
            features.filter(f -> f.geometry() != null).forEach(feature -> {
                String what = feature.get("class") + " rcid " + feature.get("rcid");
                Geometry whole = ChartGeometry.valid(feature.geometry());
                List<Piece> pieces = Production.pieces(name, feature, GRID, zooms);
                switch (whole.getDimension()) {
                    case 2 -> {
                        checkAreas(what, whole, pieces, zooms, problems);
                        checked[0]++;
                    }
                    case 1 -> {
                        checkLines(what, whole, pieces, zooms, problems);
                        checked[1]++;
                    }
                    default -> {
                        for (int z = zooms.min(); z <= zooms.max(); z++) {
                            int zoom = z;
                            long points = pieces.stream().filter(p -> p.tile().z() == zoom).mapToLong(p -> p.geometry().getNumGeometries()).sum();
                            if (points != whole.getNumGeometries()) {
                                problems.add(what + " z" + z + ": " + points + " points in tiles, " + whole.getNumGeometries() + " in the object");
                            }
                        }
                        checked[2]++;
                    }
                }
            });
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s), first ones:\n" + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
        }
        assertTrue(checked[0] > 0 && checked[1] > 0 && checked[2] > 0, "areas, lines and points were all checked: " + List.of(checked[0], checked[1], checked[2]));
    }

    private static void checkAreas(String what, Geometry whole, List<Piece> pieces, ZoomRange zooms, List<String> problems) {
        var areaByZoom = new TreeMap<Integer, Double>();
        var displayPoints = 0;
        for (Piece piece : pieces) {
            if (piece.kind() == Piece.Kind.DISPLAY_POINT) {
                displayPoints++;
                if (!whole.contains(piece.geometry())) {
                    problems.add(what + ": display point " + piece.geometry() + " is not inside the area");
                }
                continue;
            }
            areaByZoom.merge(piece.tile().z(), piece.geometry().getArea(), Double::sum);
            checkTriangles(what + " in " + piece.tile(), piece, problems);
            if (!GRID.bounds(piece.tile()).covers(piece.geometry().getEnvelopeInternal())) {
                problems.add(what + ": piece of " + piece.tile() + " reaches outside the tile");
            }
        }
        if (displayPoints != zooms.max() - zooms.min() + 1) {
            problems.add(what + ": " + displayPoints + " display points, one per zoom expected");
        }
        for (int z = zooms.min(); z <= zooms.max(); z++) {
            double sum = areaByZoom.getOrDefault(z, 0.0);
            if (Math.abs(sum - whole.getArea()) > RELATIVE * whole.getArea()) {
                problems.add(what + " z" + z + ": pieces add up to " + sum + " m², the area is " + whole.getArea());
            }
        }
    }

    /** Triangle areas add up to the piece's; every triangle's corners are the piece's corners and its centre is inside. */
    private static void checkTriangles(String what, Piece piece, List<String> problems) {
        Geometry triangles = piece.triangles();
        double area = 0;
        var corners = new HashSet<Coordinate>(List.of(piece.geometry().getCoordinates()));
        var inside = new IndexedPointInAreaLocator(piece.geometry());
        for (int i = 0; i < triangles.getNumGeometries(); i++) {
            Geometry triangle = triangles.getGeometryN(i);
            area += triangle.getArea();
            for (Coordinate corner : triangle.getCoordinates()) {
                if (!corners.contains(corner)) {
                    problems.add(what + ": triangle corner " + corner + " is not a corner of the piece");
                    return;
                }
            }
            if (inside.locate(triangle.getCentroid().getCoordinate()) != Location.INTERIOR) {
                problems.add(what + ": triangle " + triangle + " lies outside the piece");
                return;
            }
        }
        double pieceArea = piece.geometry().getArea();
        if (Math.abs(area - pieceArea) > RELATIVE * pieceArea) {
            problems.add(what + ": triangles add up to " + area + " m², the piece is " + pieceArea);
        }
    }

    private static void checkLines(String what, Geometry whole, List<Piece> pieces, ZoomRange zooms, List<String> problems) {
        var lengthByZoom = new TreeMap<Integer, Double>();
        for (Piece piece : pieces) {
            if (piece.kind() == Piece.Kind.DISPLAY_POINT) {
                if (whole.distance(piece.geometry()) > 1e-6) {
                    problems.add(what + ": display point " + piece.geometry() + " is not on the line");
                }
            } else {
                lengthByZoom.merge(piece.tile().z(), piece.geometry().getLength(), Double::sum);
            }
        }
        for (Map.Entry<Integer, Double> zoom : lengthByZoom.entrySet()) {
            if (Math.abs(zoom.getValue() - whole.getLength()) > RELATIVE * whole.getLength()) {
                problems.add(what + " z" + zoom.getKey() + ": pieces are " + zoom.getValue() + " m long, the line " + whole.getLength());
            }
        }
        if (lengthByZoom.size() != zooms.max() - zooms.min() + 1) {
            problems.add(what + ": pieces at " + lengthByZoom.keySet() + ", expected every zoom of " + zooms);
        }
    }
}
