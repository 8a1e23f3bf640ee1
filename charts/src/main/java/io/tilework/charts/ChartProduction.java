package io.tilework.charts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tilework.charts.catalog.CellFiles;
import io.tilework.charts.catalog.CellProblem;
import io.tilework.charts.catalog.EncDirectory;
import io.tilework.charts.failure.CellsFailed;
import io.tilework.charts.failure.ChartFailure;
import io.tilework.charts.failure.ProductRequestInvalid;
import io.tilework.charts.piece.ChartBundle;
import io.tilework.charts.stage.Assembly;
import io.tilework.charts.stage.ChartBundling;
import io.tilework.charts.stage.Production;
import io.tilework.charts.stage.Reprojection;
import io.tilework.charts.stage.TileMerge;
import io.tilework.charts.stage.WorkFiles;
import io.tilework.charts.tiles.TileGrid;
import io.tilework.charts.tiles.TileId;
import io.tilework.charts.tiles.ZoomRange;
import io.tilework.engine.Engine;
import io.tilework.engine.ResultStream;
import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import io.tilework.engine.io.AtomicFile;
import io.tilework.engine.io.Leftovers;
import io.tilework.gdal.GdalException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chart production chain, from a folder of S-57 cells to one product: stages 1 to 3 per
 * chart, in parallel on the engine's {@code cpu} pool; stage 4 per block of quadtree tiles, in
 * parallel; stage 5 once.
 *
 * <p>Restartable: every output of stages 1 to 4 is a file written atomically under
 * {@code PRODUCT/.work}, named after what it was computed from (the cell's files, the settings,
 * the charts of a tile block), so a rerun reuses what exists and redoes only what is missing or
 * stale. The product's files appear only when complete. A chart that fails is reported with
 * the stage and GDAL's message; the others go on. When no tile is left to write, the run fails
 * ({@link CellsFailed}) and leaves the product's files as they were.
 *
 * <p>When the engine's {@code cpu} pool is remote, stages 1 to 3 of each chart and stage 4 of each
 * block are chunks a worker does alone on a shared disk ({@link ChartFunctions}); embedded, the
 * tasks are as they always were.
 */
public final class ChartProduction {

    private static final Logger LOG = LoggerFactory.getLogger(ChartProduction.class);
    /** Bump when a stage's output changes: every work file is then made again. */
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static final String MBTILES = "chart.mbtiles";
    public static final String GEOPACKAGE = "chart.gpkg";
    public static final String SUMMARY = "summary.json";
    public static final String WORK = ".work";

    public enum Stage {
        REPROJECT("reproject"), PRODUCE("produce"), BUNDLE("per chart"), MERGE("per tile"), COPY("copy");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param crs   the product's CRS, as {@code -t_srs} takes it
     * @param zooms the zoom levels of every chart, or empty to derive them from each chart's scale
     * @param name  the product's name in its metadata
     */
    public record Options(String crs, Optional<ZoomRange> zooms, String name) {
        public static Options defaults() {
            return new Options("EPSG:3857", Optional.empty(), "chart");
        }
    }

    /** Receives progress: {@code done} of {@code total} units of a stage (charts, tile blocks, 1 for copy). */
    public interface Listener {
        void progress(Stage stage, long done, long total);
    }

    /**
     * What a run did. {@code features} are the charts' objects, {@code pieces} their parts in
     * tiles before the merge; tiles, triangles and display points are the product's.
     * {@code stageMillis} is the time spent in each stage summed over threads; {@code reused}
     * counts outputs of earlier runs taken as they were.
     */
    public record Summary(int cells, int produced, List<CellProblem> failures, long features, long pieces, long displayPoints,
                          long tiles, long triangles, int minZoom, int maxZoom, Map<Stage, Long> stageMillis, long reused,
                          long wallMillis, List<Path> written, String fingerprint) {
    }

    /** One chart after stages 1 to 3: its bundle and the tile blocks it touches, or why it failed. */
    record ChartOutcome(CellFiles cell, Path bundle, String key, ChartBundle.Description description,
                                Set<TileId> units, CellProblem failure) {
    }

    private ChartProduction() {
    }

    public static Summary run(Engine engine, Path encRoot, Path product, Options options, Listener listener) throws IOException {
        long started = System.nanoTime();
        if (Files.exists(product) && !Files.isDirectory(product)) {
            throw new ProductRequestInvalid(product + " is a file; --out names a folder for the product");
        }
        TileGrid grid = TileGrid.of(options.crs());
        EncDirectory.Listing listing = EncDirectory.scan(encRoot);
        if (listing.cells().isEmpty() && listing.problems().isEmpty()) {
            throw new ProductRequestInvalid("no S-57 cells (NAME.000) under " + encRoot + "; give the folder of an exchange set or of loose cells");
        }
        Path work = product.resolve(WORK).resolve(TaskKey.digest(settings(options)));
        WorkFiles.deleteTemporaries(product);
        var used = new HashSet<Path>();
        var millis = new AtomicLongArray(Stage.values().length);
        var reused = new AtomicLong();

        List<ChartOutcome> charts = perChart(engine, listing.cells(), grid, options, work, millis, reused, listener);
        var failures = new ArrayList<>(listing.problems());
        var done = new ArrayList<ChartOutcome>();
        for (ChartOutcome chart : charts) {
            if (chart.failure() != null) {
                failures.add(chart.failure());
            } else {
                done.add(chart);
                used.add(chart.bundle());
                used.add(reprojected(work, chart.cell(), chart.key()));
                used.add(produced(work, chart.cell(), chart.key()));
            }
        }

        if (done.stream().allMatch(chart -> chart.units().isEmpty())) {
            throw nothingProduced(product, done, failures);
        }
        List<Path> units = perTileBlock(engine, grid, options, done, work, millis, reused, listener);
        used.addAll(units);

        String fingerprint = TaskKey.digest(options.name() + "|" + String.join("|", units.stream().map(p -> p.getFileName().toString()).toList()));
        long copyStart = System.nanoTime();
        Path mbtiles = product.resolve(MBTILES);
        Path geopackage = product.resolve(GEOPACKAGE);
        Assembly.Counts counts;
        listener.progress(Stage.COPY, 0, 1);
        Optional<Assembly.Counts> previous = previousProduct(product, fingerprint, grid);
        if (previous.isPresent()) {
            counts = previous.get();
            reused.incrementAndGet();
        } else {
            // Both files are written under temporary names beside their targets and renamed when both are complete.
            try (AtomicFile tilesFile = AtomicFile.begin(mbtiles); AtomicFile geometryFile = AtomicFile.begin(geopackage)) {
                try {
                    counts = Assembly.run(grid, units, options.name(), grid.isWebMercator() ? tilesFile.path() : null, geometryFile.path());
                } catch (IOException | RuntimeException e) {
                    geometryFile.failIfDiskFull(e);
                    throw e;
                }
                if (grid.isWebMercator()) {
                    tilesFile.commit();
                } else {
                    Files.deleteIfExists(mbtiles); // MBTiles is defined for EPSG:3857 only
                }
                geometryFile.commit();
            }
        }
        millis.addAndGet(Stage.COPY.ordinal(), (System.nanoTime() - copyStart) / 1_000_000);
        listener.progress(Stage.COPY, 1, 1);

        var stageMillis = new EnumMap<Stage, Long>(Stage.class);
        for (Stage stage : Stage.values()) {
            stageMillis.put(stage, millis.get(stage.ordinal()));
        }
        long features = done.stream().mapToLong(c -> c.description().features()).sum();
        long pieces = done.stream().mapToLong(c -> c.description().pieces()).sum();
        var written = new ArrayList<Path>();
        if (grid.isWebMercator()) {
            written.add(mbtiles);
        }
        written.add(geopackage);
        written.add(product.resolve(SUMMARY));
        var summary = new Summary(listing.cells().size() + (int) listing.problems().stream().map(CellProblem::cell).distinct().count(),
                done.size(), failures, features, pieces, counts.displayPoints(), counts.tiles(), counts.triangles(),
                counts.minZoom(), counts.maxZoom(), stageMillis, reused.get(), (System.nanoTime() - started) / 1_000_000, written, fingerprint);
        writeSummary(product, summary, options, counts);
        deleteUnused(product.resolve(WORK), used);
        return summary;
    }

    private static List<ChartOutcome> perChart(Engine engine, List<CellFiles> cells, TileGrid grid, Options options, Path work,
                                               AtomicLongArray millis, AtomicLong reused, Listener listener) {
        var tasks = new ArrayList<Task<ChartOutcome>>();
        long total = cells.size();
        var finished = new AtomicLongArray(3);
        StageDone stageDone = stage -> listener.progress(stage, finished.incrementAndGet(stage.ordinal()), total);
        boolean remote = engine.runsRemotely("cpu");
        if (remote) {
            // Each stage is a chunk of its own kind that a worker does alone, reading and writing the shared work folder.
            var chain = new RemoteChartStages(options, work, millis, reused, stageDone);
            for (CellFiles cell : cells) {
                tasks.add(chain.chart(cell, cellKey(cell)));
            }
        } else {
            for (CellFiles cell : cells) {
                String key = cellKey(cell);
                tasks.add(Task.<ChartOutcome>builder(new TaskKey("charts.chart", VERSION, key, cell.name()))
                        .compute((inputs, cancel) -> chart(cell, key, grid, options, work, millis, reused, stageDone)));
            }
        }
        for (Stage stage : List.of(Stage.REPROJECT, Stage.PRODUCE, Stage.BUNDLE)) {
            listener.progress(stage, 0, total);
        }
        var outcomes = new ArrayList<ChartOutcome>();
        try (ResultStream<ChartOutcome> results = remote ? engine.stream(tasks, RemoteChartStages.lookahead(tasks.size())) : engine.stream(tasks)) {
            results.forEachRemaining(outcomes::add);
        }
        return outcomes;
    }

    interface StageDone {
        void done(Stage stage);
    }

    /** Stages 1 to 3 of one chart, each skipped when its output exists. */
    private static ChartOutcome chart(CellFiles cell, String key, TileGrid grid, Options options, Path work,
                                      AtomicLongArray millis, AtomicLong reused, StageDone stageDone) {
        Stage stage = Stage.REPROJECT;
        try {
            long start = System.nanoTime();
            Path reprojected = reprojected(work, cell, key);
            Reprojection.ChartHeader header = reproject(cell, options.crs(), reprojected, reused);
            start = lap(millis, stage, start);
            stageDone.done(stage);

            stage = Stage.PRODUCE;
            ZoomRange zooms = zooms(options, grid, header, cell);
            Path produced = produced(work, cell, key);
            produce(cell, reprojected, grid, zooms, produced, reused);
            start = lap(millis, stage, start);
            stageDone.done(stage);

            stage = Stage.BUNDLE;
            Path bundlePath = bundled(work, cell, key);
            ChartBundle bundle = bundle(header, zooms, reprojected, produced, bundlePath, reused);
            Set<TileId> units = units(bundle);
            lap(millis, stage, start);
            stageDone.done(stage);
            return new ChartOutcome(cell, bundlePath, key, bundle.description(), units, null);
        } catch (GdalException e) {
            if (!e.causedByInput()) {
                throw e; // Tilework misused GDAL: a defect, which aborts the production
            }
            return failed(cell, key, stage, stageDone, e);
        } catch (ChartFailure | IOException | UncheckedIOException e) {
            // Only what the cell or the disk can be blamed for fails the chart; any other exception is a defect and aborts.
            return failed(cell, key, stage, stageDone, e);
        }
    }

    /** Stage 1 (reproject), skipped when {@code output} exists: the chart's header either way. */
    static Reprojection.ChartHeader reproject(CellFiles cell, String crs, Path output, AtomicLong reused) throws IOException {
        if (Files.exists(output)) {
            reused.incrementAndGet();
            return Reprojection.header(output);
        }
        return Reprojection.run(cell, crs, output);
    }

    /** The zoom levels of a chart: the options' or its compilation scale's. */
    static ZoomRange zooms(Options options, TileGrid grid, Reprojection.ChartHeader header, CellFiles cell) {
        return options.zooms().orElseGet(() -> ZoomRange.forChart(grid, header.compilationScale(), cell.band()));
    }

    /** Stage 2 (produce), skipped when {@code output} exists. */
    static void produce(CellFiles cell, Path reprojected, TileGrid grid, ZoomRange zooms, Path output, AtomicLong reused)
            throws IOException {
        if (Files.exists(output)) {
            reused.incrementAndGet();
        } else {
            Production.run(cell.name(), reprojected, grid, zooms, output);
        }
    }

    /** Stage 3 (per chart), skipped when {@code output} exists: the chart's bundle, opened. */
    static ChartBundle bundle(Reprojection.ChartHeader header, ZoomRange zooms, Path reprojected, Path produced, Path output,
                              AtomicLong reused) throws IOException {
        if (Files.exists(output)) {
            reused.incrementAndGet();
        } else {
            ChartBundling.run(header, zooms, reprojected, produced, output);
        }
        return ChartBundle.open(output);
    }

    /** The tile blocks (units of stage 4) a chart's bundle touches. */
    static Set<TileId> units(ChartBundle bundle) {
        var units = new TreeSet<TileId>();
        bundle.tiles().forEach(tile -> units.add(TileMerge.unitOf(tile)));
        return units;
    }

    /**
     * A product without a tile is no product: the run stops before the product's files are
     * touched, so an earlier product stays as it was, and says why (the cells failed, or their
     * objects have no position).
     */
    private static CellsFailed nothingProduced(Path product, List<ChartOutcome> done, List<CellProblem> failures) {
        String what = "nothing produced, no tile to write to " + product + ": ";
        if (done.isEmpty()) {
            return new CellsFailed(what + (failures.size() == 1 ? "its one cell failed" : "every cell failed"), failures);
        }
        List<String> files = done.stream().map(chart -> chart.cell().baseFile().getFileName().toString()).toList();
        String cells = String.join(", ", files.subList(0, Math.min(3, files.size()))) + (files.size() > 3 ? " and " + (files.size() - 3) + " more" : "");
        return new CellsFailed(what + "no object of " + cells + " has a position" + (failures.isEmpty() ? "" : "; and cells failed"), failures);
    }

    private static ChartOutcome failed(CellFiles cell, String key, Stage stage, StageDone stageDone, Exception e) {
        LOG.warn("{} failed in stage {}: {}", cell.name(), stage.label(), e.getMessage());
        for (Stage later = stage; later.ordinal() <= Stage.BUNDLE.ordinal(); later = Stage.values()[later.ordinal() + 1]) {
            stageDone.done(later);
        }
        return new ChartOutcome(cell, null, key, null, Set.of(), CellProblem.of(cell, stage.label(), e.getMessage()));
    }

    private static List<Path> perTileBlock(Engine engine, TileGrid grid, Options options, List<ChartOutcome> charts, Path work,
                                           AtomicLongArray millis, AtomicLong reused, Listener listener) {
        var chartsByUnit = new TreeMap<TileId, List<ChartOutcome>>();
        for (ChartOutcome chart : charts) {
            for (TileId unit : chart.units()) {
                chartsByUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(chart);
            }
        }
        long total = chartsByUnit.size();
        var finished = new AtomicLong();
        listener.progress(Stage.MERGE, 0, total);
        var tasks = new ArrayList<Task<Path>>();
        boolean remote = engine.runsRemotely("cpu");
        var chain = remote ? new RemoteChartStages(options, work, millis, reused,
                stage -> listener.progress(stage, finished.incrementAndGet(), total)) : null;
        for (Map.Entry<TileId, List<ChartOutcome>> entry : chartsByUnit.entrySet()) {
            TileId unit = entry.getKey();
            List<ChartOutcome> unitCharts = entry.getValue();
            String key = TaskKey.digest(String.join("|", unitCharts.stream().map(c -> c.cell().name() + "-" + c.key()).sorted().toList()));
            Path output = work.resolve("4-merge").resolve(unit.z() + "-" + unit.x() + "-" + unit.y() + "-" + key + ".unit");
            if (remote) {
                tasks.add(chain.merge(unit, unitCharts.stream().map(ChartOutcome::bundle).toList(), key, output));
                continue;
            }
            tasks.add(Task.<Path>builder(new TaskKey("charts.merge", VERSION, key, unit.toString())).compute((inputs, cancel) -> {
                long start = System.nanoTime();
                if (Files.exists(output)) {
                    reused.incrementAndGet();
                } else {
                    TileMerge.run(grid, tilesOf(unit, unitCharts), output);
                }
                millis.addAndGet(Stage.MERGE.ordinal(), (System.nanoTime() - start) / 1_000_000);
                listener.progress(Stage.MERGE, finished.incrementAndGet(), total);
                return output;
            }));
        }
        var units = new ArrayList<Path>();
        try (ResultStream<Path> results = remote ? engine.stream(tasks, RemoteChartStages.lookahead(tasks.size())) : engine.stream(tasks)) {
            results.forEachRemaining(units::add);
        }
        return units;
    }

    private static SortedMap<TileId, List<ChartBundle>> tilesOf(TileId unit, List<ChartOutcome> charts) throws IOException {
        return tilesOf(unit, charts.stream().map(ChartOutcome::bundle).toList());
    }

    /** The tiles of block {@code unit}, each with the bundles of the charts that have pieces in it, in their order. */
    static SortedMap<TileId, List<ChartBundle>> tilesOf(TileId unit, Collection<Path> bundles) throws IOException {
        var tiles = new TreeMap<TileId, List<ChartBundle>>();
        for (Path file : bundles) {
            ChartBundle bundle = ChartBundle.open(file);
            for (TileId tile : bundle.tiles()) {
                if (TileMerge.unitOf(tile).equals(unit)) {
                    tiles.computeIfAbsent(tile, t -> new ArrayList<>()).add(bundle);
                }
            }
        }
        return tiles;
    }

    private static long lap(AtomicLongArray millis, Stage stage, long start) {
        long now = System.nanoTime();
        millis.addAndGet(stage.ordinal(), (now - start) / 1_000_000);
        return now;
    }

    static Path reprojected(Path work, CellFiles cell, String key) {
        return work.resolve("1-reproject").resolve(cell.name() + "-" + key + ".gpkg");
    }

    static Path produced(Path work, CellFiles cell, String key) {
        return work.resolve("2-produce").resolve(cell.name() + "-" + key + ".pieces");
    }

    static Path bundled(Path work, CellFiles cell, String key) {
        return work.resolve("3-bundle").resolve(cell.name() + "-" + key + ".bundle");
    }

    /** What a chart's outputs are computed from: its files' names, sizes and modification times. */
    private static String cellKey(CellFiles cell) {
        var text = new StringBuilder(cell.name());
        try {
            for (Path file : Stream.concat(Stream.of(cell.baseFile()), cell.updates().stream()).toList()) {
                text.append('|').append(file.getFileName()).append(':').append(Files.size(file)).append(':')
                        .append(Files.getLastModifiedTime(file).toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TaskKey.digest(text.toString());
    }

    private static String settings(Options options) {
        return "v" + VERSION + "|crs=" + options.crs() + "|zooms=" + options.zooms().map(ZoomRange::toString).orElse("auto");
    }

    /** The counts of the product already in place when it was made from the same units. */
    private static Optional<Assembly.Counts> previousProduct(Path product, String fingerprint, TileGrid grid) {
        Path summary = product.resolve(SUMMARY);
        if (!Files.exists(summary) || !Files.exists(product.resolve(GEOPACKAGE)) || (grid.isWebMercator() && !Files.exists(product.resolve(MBTILES)))) {
            return Optional.empty();
        }
        try {
            var node = JSON.readTree(summary.toFile());
            if (!fingerprint.equals(node.path("fingerprint").asText())) {
                return Optional.empty();
            }
            return Optional.of(new Assembly.Counts(node.get("tiles").asLong(), node.get("triangles").asLong(),
                    node.get("displayPoints").asLong(), node.get("minZoom").asInt(), node.get("maxZoom").asInt()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeSummary(Path product, Summary summary, Options options, Assembly.Counts counts) throws IOException {
        var node = JSON.createObjectNode();
        node.put("fingerprint", summary.fingerprint());
        node.put("crs", options.crs());
        node.put("zooms", options.zooms().map(ZoomRange::toString).orElse("auto"));
        node.put("cells", summary.cells());
        node.put("produced", summary.produced());
        node.put("features", summary.features());
        node.put("pieces", summary.pieces());
        node.put("displayPoints", counts.displayPoints());
        node.put("tiles", counts.tiles());
        node.put("triangles", counts.triangles());
        node.put("minZoom", counts.minZoom());
        node.put("maxZoom", counts.maxZoom());
        var failures = node.putArray("failures");
        summary.failures().forEach(f -> failures.addObject().put("cell", f.cell()).put("stage", f.stage()).put("message", f.message()));
        var times = node.putObject("stageMillis");
        summary.stageMillis().forEach((stage, ms) -> times.put(stage.label(), ms));
        WorkFiles.writeAtomically(product.resolve(SUMMARY), temporary -> JSON.writeValue(temporary.toFile(), node));
    }

    /** Work files of earlier runs that this run did not use (other settings, older cell files). */
    private static void deleteUnused(Path workRoot, Set<Path> used) throws IOException {
        if (!Files.isDirectory(workRoot)) {
            return;
        }
        try (Stream<Path> files = Files.walk(workRoot)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                // temporary files belong to their writer (maybe a live run), and Leftovers removes dead runs' ones
                if (!used.contains(file) && !file.getParent().getFileName().toString().equals("5-copy") && !Leftovers.isTemporary(file)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
