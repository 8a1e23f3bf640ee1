package io.tilework.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.charts.catalog.CellFiles;
import io.tilework.charts.catalog.S57Cell;
import io.tilework.charts.piece.ChartBundle;
import io.tilework.charts.piece.Piece;
import io.tilework.charts.stage.Assembly;
import io.tilework.charts.tiles.TileGrid;
import io.tilework.engine.Engine;
import io.tilework.engine.pool.Pools;
import io.tilework.gdal.vector.Feature;
import io.tilework.gdal.vector.Layer;
import io.tilework.gdal.vector.VectorDataset;
import io.tilework.testkit.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.union.UnaryUnionOp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole chain on every shared cell (the ECDIS Chart 1 set and both NOAA cells), its
 * product read back through GDAL; a rerun, a killed run and a damaged cell.
 */
@DisplayName("The chart production chain")
class ChartProductionTest {

    @TempDir
    static Path temp;

    private static Path product;
    private static ChartProduction.Summary summary;

    @BeforeAll
    static void produceEverything() throws IOException {
        product = temp.resolve("product");
        summary = produce(ChartCells.root(), product, 2);
    }

    private static ChartProduction.Summary produce(Path enc, Path out, int threads) throws IOException {
        try (Engine engine = Engine.builder().pool(Pools.cpu(threads)).build()) {
            return ChartProduction.run(engine, enc, out, ChartProduction.Options.defaults(), (stage, done, total) -> {
            });
        }
    }

    @Test
    @DisplayName("all 16 cells are produced with every object, the summary matches the product")
    void summary_countsEveryCellAndObject() throws IOException {
        long objects = 0;
        for (CellFiles cell : ChartCells.all()) {
            JsonNode oracle = new ObjectMapper().readTree(TestData.oracle("s57/" + cell.name() + ".json").toFile());
            objects += oracle.get("options").get("split_soundg").get("feature_total").asLong() - 1; // less DSID
        }
        JsonNode written = new ObjectMapper().readTree(product.resolve(ChartProduction.SUMMARY).toFile());
        long expectedObjects = objects;
        assertAll(
                () -> assertEquals(16, summary.cells()),
                () -> assertEquals(16, summary.produced()),
                () -> assertEquals(List.of(), summary.failures()),
                () -> assertEquals(expectedObjects, summary.features()),
                () -> assertEquals(11, summary.minZoom(), "AA4C1XMS at 1:60000 starts at zoom 11"),
                () -> assertEquals(15, summary.maxZoom(), "the harbour cells end at zoom 15"),
                () -> assertEquals(summary.tiles(), written.get("tiles").asLong()),
                () -> assertEquals(summary.triangles(), written.get("triangles").asLong()),
                () -> assertEquals(summary.tiles(), count("SELECT count(*) FROM tiles")),
                () -> assertTrue(Files.list(product).map(p -> p.getFileName().toString()).noneMatch(n -> io.tilework.engine.io.Leftovers.isTemporary(Path.of(n))),
                        "no temporary file in the product folder"));
    }

    @Test
    @DisplayName("GDAL reads the MBTiles as vector tiles and the GeoPackage's triangles and display points")
    void product_isReadableByGdal() {
        try (VectorDataset tiles = VectorDataset.open(product.resolve(ChartProduction.MBTILES));
             VectorDataset geometry = VectorDataset.open(product.resolve(ChartProduction.GEOPACKAGE))) {
            List<String> layers = tiles.layers().stream().map(Layer::name).toList();
            long triangles;
            try (Stream<Feature> pieces = geometry.layer(Assembly.TRIANGLES).features()) {
                triangles = pieces.mapToLong(f -> ((Number) f.get("triangle_count")).longValue()).sum();
            }
            assertAll(
                    () -> assertEquals("MBTiles", tiles.driverName()),
                    () -> assertTrue(layers.containsAll(List.of("SOUNDG", "DEPARE", "LNDARE", "COALNE", "display_points")), layers::toString),
                    () -> assertTrue(tiles.layer("DEPARE").featureCount() > 0),
                    () -> assertEquals(summary.triangles(), triangles),
                    () -> assertEquals(summary.displayPoints(), geometry.layer(Assembly.DISPLAY_POINTS).featureCount()));
        }
    }

    @Test
    @DisplayName("every sounding of US5WA22M is in its zoom-15 tiles with its depth")
    void soundings_keepTheirDepthInTheTiles() {
        List<Double> source;
        try (S57Cell cell = S57Cell.open(ChartCells.cell("US5WA22M"));
             Stream<Feature> soundings = cell.objectClassLayers().stream().filter(l -> l.name().equals("SOUNDG")).findFirst().orElseThrow().features()) {
            source = soundings.map(f -> ((Number) f.get("DEPTH")).doubleValue()).sorted().toList();
        }
        List<Double> tiled;
        try (VectorDataset tiles = VectorDataset.open(product.resolve(ChartProduction.MBTILES).toString(), false, Map.of("ZOOM_LEVEL", "15"));
             Stream<Feature> soundings = tiles.layer("SOUNDG").features()) {
            tiled = soundings.filter(f -> "US5WA22M".equals(f.get("chart"))).map(f -> ((Number) f.get("DEPTH")).doubleValue()).sorted().toList();
        }
        assertEquals(977, source.size());
        assertEquals(source, tiled);
    }

    @Test
    @DisplayName("at zoom 13, where approach cell AA4C1XMS and the harbour cells overlap, the harbour cells win")
    void moreDetailedBand_winsWhereChartsOverlap() throws IOException {
        var harbourCoverage = new ArrayList<Geometry>();
        ChartBundle approach = null;
        try (Stream<Path> bundles = Files.walk(product.resolve(ChartProduction.WORK))) {
            for (Path file : bundles.filter(p -> p.toString().endsWith(".bundle")).toList()) {
                ChartBundle bundle = ChartBundle.open(file);
                if (bundle.description().name().startsWith("AA5")) {
                    harbourCoverage.add(bundle.coverage());
                } else if (bundle.description().name().equals("AA4C1XMS")) {
                    approach = bundle;
                }
            }
        }
        Geometry harbours = UnaryUnionOp.union(harbourCoverage);
        double before = 0;
        for (var tile : approach.tiles()) {
            if (tile.z() == 13) {
                for (Piece piece : approach.pieces(tile)) {
                    if (piece.triangles() != null) {
                        before += overlap(piece.geometry(), harbours);
                    }
                }
            }
        }
        double after = 0;
        double harbourPieces = 0;
        try (VectorDataset geometry = VectorDataset.open(product.resolve(ChartProduction.GEOPACKAGE));
             Stream<Feature> pieces = geometry.layer(Assembly.TRIANGLES).features()) {
            for (Feature piece : (Iterable<Feature>) pieces::iterator) {
                if (((Number) piece.get("z")).intValue() != 13) {
                    continue;
                }
                if ("AA4C1XMS".equals(piece.get("chart"))) {
                    after += overlap(piece.geometry(), harbours);
                } else if (((String) piece.get("chart")).startsWith("AA5")) {
                    harbourPieces += piece.geometry().getArea();
                }
            }
        }
        assertTrue(before > 1e6, "before the merge the approach cell has " + before + " m² of areas under the harbour cells at z13");
        assertTrue(after < 1e-6 * before, "after it " + after + " m² remain");
        assertTrue(harbourPieces > 0.5 * harbours.getArea(), "the harbour cells' areas are there instead: " + harbourPieces + " m²");
    }

    private static double overlap(Geometry piece, Geometry coverage) {
        return OverlayNGRobust.overlay(piece, coverage, OverlayNG.INTERSECTION).getArea();
    }

    @Test
    @DisplayName("a rerun reuses every output and leaves the product as it was")
    void rerun_reusesEverything() throws Exception {
        Map<String, String> tilesBefore = tiles(product);
        ChartProduction.Summary again = produce(ChartCells.root(), product, 2);
        long units = Files.list(Files.list(product.resolve(ChartProduction.WORK)).findFirst().orElseThrow().resolve("4-merge")).count();
        assertEquals(16 * 3 + units + 1, again.reused(), "3 outputs per chart, one per tile block, the product");
        assertEquals(tilesBefore, tiles(product));
        assertEquals(summary.triangles(), again.triangles());
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @DisplayName("a run killed mid-way (kill -9) and rerun gives the same product as an uninterrupted run")
    void killedRun_thenRerun_givesTheSameProduct() throws Exception {
        Path killed = temp.resolve("killed");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                ProduceInAnotherJvm.class.getName(), ChartCells.root().toString(), killed.toString(), "1")
                .redirectErrorStream(true).start();
        var output = new StringBuilder();
        try (var lines = child.inputReader()) {
            // The child prints a line after each step it finished; its end (or the test's timeout) ends the loop.
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("progress ") && produced(killed) >= 6) {
                    break;
                }
            }
            assertTrue(child.isAlive(), () -> "the child ended before it could be killed:\n" + output);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(killed.resolve(ChartProduction.SUMMARY)), "the killed run had not finished");
        assertFalse(Files.exists(killed.resolve(ChartProduction.MBTILES)), "no product is visible after the kill");
        int doneBefore = produced(killed);
        ChartProduction.Summary rerun = produce(ChartCells.root(), killed, 2);
        assertTrue(rerun.reused() >= 3L * doneBefore, "the rerun reused stages 1-3 of the " + doneBefore + " charts finished before the kill: " + rerun.reused());
        assertEquals(tiles(product), tiles(killed), "same tiles, byte for byte");
        assertEquals(geometry(product), geometry(killed), "same triangles and display points");
    }

    @Test
    @DisplayName("a truncated cell fails by name, with what was read of it, while the others are produced")
    void truncatedCell_failsAlone() throws Exception {
        Path enc = ChartCells.copy(temp.resolve("damaged-enc"), "AA5C1AB1", "AA5C1AB2", "US5MA12M");
        Path cell = enc.resolve("US5MA12M/US5MA12M.000");
        byte[] bytes = Files.readAllBytes(cell);
        Files.write(cell, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Path out = temp.resolve("damaged-product");
        ChartProduction.Summary damaged = produce(enc, out, 2);
        assertEquals(2, damaged.produced());
        assertEquals(1, damaged.failures().size());
        var failure = damaged.failures().getFirst();
        assertAll(
                () -> assertEquals("US5MA12M", failure.cell()),
                () -> assertEquals("reproject", failure.stage()),
                () -> assertTrue(failure.message().contains("US5MA12M.000 is truncated or damaged: read "), failure.message()),
                () -> assertTrue(damaged.tiles() > 0),
                () -> assertEquals(List.of("AA5C1AB1", "AA5C1AB2"), charts(out)),
                () -> assertTrue(new ObjectMapper().readTree(out.resolve(ChartProduction.SUMMARY).toFile()).get("failures").get(0)
                        .get("message").asText().contains("US5MA12M.000 is truncated or damaged")));
        try (Stream<Path> files = Files.walk(out)) {
            assertTrue(files.noneMatch(p -> io.tilework.engine.io.Leftovers.isTemporary(p)
                    || p.getFileName().toString().startsWith("US5MA12M")), "nothing of the failed chart is left");
        }
    }

    @Test
    @DisplayName("a cell cut to half its bytes, alone: nothing is produced (no empty product), the error names the cell; an earlier product stays")
    void halfCellAlone_producesNothing() throws Exception {
        Path good = ChartCells.copy(temp.resolve("half-alone-good"), "AA5C1AB1");
        Path out = temp.resolve("half-alone-product");
        assertEquals(1, produce(good, out, 1).produced());
        var before = new TreeMap<String, String>();
        for (String file : List.of(ChartProduction.MBTILES, ChartProduction.GEOPACKAGE, ChartProduction.SUMMARY)) {
            before.put(file, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out.resolve(file)))));
        }

        Path enc = ChartCells.copy(temp.resolve("half-alone"), "US5MA12M");
        Path cell = enc.resolve("US5MA12M/US5MA12M.000");
        byte[] bytes = Files.readAllBytes(cell);
        Files.write(cell, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        var failed = org.junit.jupiter.api.Assertions.assertThrows(io.tilework.charts.failure.ChartFailure.class, () -> produce(enc, out, 1));
        String message = failed.getMessage();
        assertAll(
                () -> assertTrue(message.startsWith("nothing produced"), message),
                () -> assertTrue(message.contains("US5MA12M.000 is truncated or damaged: read "), message),
                () -> assertFalse(message.contains("2147483647") || message.substring(message.indexOf("US5MA12M.000")).contains("-1"),
                        "no sentinel: " + message));
        var after = new TreeMap<String, String>();
        for (String file : before.keySet()) {
            after.put(file, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out.resolve(file)))));
        }
        assertEquals(before, after, "the earlier product is left as it was");
    }

    @Test
    @DisplayName("another CRS: EPSG:4326 gives the GeoPackage (and no MBTiles, which is for EPSG:3857 only)")
    void geographicCrs_writesTheGeoPackageOnly() throws IOException {
        Path enc = ChartCells.copy(temp.resolve("one-cell"), "AA5C1AB1");
        Path out = temp.resolve("geographic");
        try (Engine engine = Engine.builder().build()) {
            var summary = ChartProduction.run(engine, enc, out, new ChartProduction.Options("EPSG:4326", java.util.Optional.empty(), "chart"),
                    (stage, done, total) -> {
                    });
            assertEquals(List.of(), summary.failures());
            assertTrue(summary.tiles() > 0);
        }
        assertFalse(Files.exists(out.resolve(ChartProduction.MBTILES)));
        TileGrid grid = TileGrid.of("EPSG:4326");
        try (VectorDataset geometry = VectorDataset.open(out.resolve(ChartProduction.GEOPACKAGE))) {
            var extent = new org.locationtech.jts.geom.Envelope();
            try (Stream<Feature> points = geometry.layer(Assembly.DISPLAY_POINTS).features()) {
                points.forEach(p -> extent.expandToInclude(p.geometry().getEnvelopeInternal()));
            }
            assertTrue(extent.getMinX() > -5.2 && extent.getMaxX() < -5.0 && extent.getMinY() > 15.0 && extent.getMaxY() < 15.2,
                    "display points in degrees: " + extent);
            assertEquals(180, grid.tileSize(0));
        }
    }

    private static int produced(Path out) throws IOException {
        Path work = out.resolve(ChartProduction.WORK);
        if (!Files.isDirectory(work)) {
            return 0;
        }
        // The child creates and deletes temporary files while we look: a walk that meets one vanishing is retried.
        while (true) {
            try (Stream<Path> files = Files.walk(work)) {
                return (int) files.filter(p -> p.toString().endsWith(".bundle") && !io.tilework.engine.io.Leftovers.isTemporary(p)).count();
            } catch (java.io.UncheckedIOException e) {
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }

    private static List<String> charts(Path out) {
        try (VectorDataset geometry = VectorDataset.open(out.resolve(ChartProduction.GEOPACKAGE));
             Stream<Feature> points = geometry.layer(Assembly.DISPLAY_POINTS).features()) {
            return points.map(p -> (String) p.get("chart")).distinct().sorted().toList();
        }
    }

    /** Every tile of an MBTiles file: "z/x/row" to the SHA-256 of its data. */
    static Map<String, String> tiles(Path out) throws SQLException, Exception {
        var tiles = new TreeMap<String, String>();
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + out.resolve(ChartProduction.MBTILES));
             ResultSet rows = sqlite.createStatement().executeQuery("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles")) {
            while (rows.next()) {
                tiles.put(rows.getInt(1) + "/" + rows.getInt(2) + "/" + rows.getInt(3),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rows.getBytes(4))));
            }
        }
        return tiles;
    }

    /** The GeoPackage's rows, in order, as text: attributes and geometry. */
    static List<String> geometry(Path out) {
        var rows = new ArrayList<String>();
        try (VectorDataset geometry = VectorDataset.open(out.resolve(ChartProduction.GEOPACKAGE))) {
            for (String layer : List.of(Assembly.TRIANGLES, Assembly.DISPLAY_POINTS)) {
                try (Stream<Feature> features = geometry.layer(layer).features()) {
                    features.forEach(f -> rows.add(layer + " " + f.fid() + " " + f.attributes() + " " + f.geometry().toText()));
                }
            }
        }
        return rows;
    }

    private static long count(String sql) throws SQLException {
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + product.resolve(ChartProduction.MBTILES));
             ResultSet rows = sqlite.createStatement().executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }
}
