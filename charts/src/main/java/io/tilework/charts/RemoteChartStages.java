package io.tilework.charts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.charts.ChartProduction.ChartOutcome;
import io.tilework.charts.ChartProduction.Options;
import io.tilework.charts.ChartProduction.Stage;
import io.tilework.charts.ChartProduction.StageDone;
import io.tilework.charts.catalog.CellFiles;
import io.tilework.charts.catalog.CellProblem;
import io.tilework.charts.failure.ChartFailure;
import io.tilework.charts.piece.ChartBundle;
import io.tilework.charts.stage.Reprojection;
import io.tilework.charts.tiles.TileGrid;
import io.tilework.charts.tiles.TileId;
import io.tilework.charts.tiles.ZoomRange;
import io.tilework.charts.stage.TileMerge;
import io.tilework.engine.Codec;
import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import io.tilework.gdal.GdalException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages 1 to 3 of each chart as three chunks that a worker of another JVM does alone, used when
 * the engine's {@code cpu} pool is remote: {@value #REPROJECT}, {@value #PRODUCE} and
 * {@value #BUNDLE} (the function names, so workers can be given some stages only). Each reads its
 * cell and the earlier stages' files by path from the work folder, which every member must see
 * under the same absolute path (a shared disk), skips its work when its output exists, as
 * embedded, and passes the next stage a small {@link StageResult}: the chart's header, its zooms,
 * what its bundle holds, the output's path, or why the chart failed.
 *
 * <p>The coordinator keeps the progress, the time per stage and the reuse count: a small task on
 * the {@code inline} pool follows each remote stage of each chart and counts it when its result
 * arrives. A chart that fails fails as embedded: the stage and the message, and the later stages
 * pass the failure on without work. Anything else a stage throws aborts the production.
 *
 * <p>The stages' results carry a codec, so an engine with a chunk store keeps them. A result an
 * earlier run stored is taken only when the file it names is still there (else the stage is run
 * again) and counts as reused; a failure is never taken from the store: the cell is tried again,
 * as embedded.
 */
final class RemoteChartStages {

    private static final Logger LOG = LoggerFactory.getLogger(ChartProduction.class);
    static final String REPROJECT = "charts.reproject";
    static final String PRODUCE = "charts.produce";
    static final String BUNDLE = "charts.bundle";
    static final String MERGE = "charts.merge";
    /**
     * Charts in flight at most: the results are small, and the remote pool's members, not this
     * JVM's cores, set how many chunks can run at once.
     */
    private static final int MAX_LOOKAHEAD = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tile grids by CRS on a worker; a production uses one, so a few are plenty. */
    private static final int MAX_GRIDS = 8;
    private static final Map<String, TileGrid> GRIDS = new ConcurrentHashMap<>();
    /** Workers decode inputs without the coordinator's run (a result of any run is valid input). */
    private static final Codec<StageResult> WORKER_CODEC = codec(null);

    /**
     * What one stage of one chart gave. {@code run} is the run that computed it, {@code output} the
     * file it wrote or found; {@code failedStage} (null when the chart did not fail) and
     * {@code failure} say why the chart failed (the later stages pass the result on as it is).
     */
    record StageResult(String run, long millis, boolean reused, String output, Reprojection.ChartHeader header, String zooms,
                       ChartBundle.Description description, List<TileId> units, String failedStage, String failure) {
    }

    private final Options options;
    private final Path work;
    private final AtomicLongArray millis;
    private final AtomicLong reused;
    private final StageDone stageDone;
    private final String run = UUID.randomUUID().toString();
    private final Codec<StageResult> codec = codec(run);
    private final String workPath;

    RemoteChartStages(Options options, Path work, AtomicLongArray millis, AtomicLong reused, StageDone stageDone) {
        this.options = options;
        this.work = work;
        this.millis = millis;
        this.reused = reused;
        this.stageDone = stageDone;
        this.workPath = work.toAbsolutePath().toString();
    }

    /** How many charts a stream may compute ahead of its consumer. */
    static int lookahead(int charts) {
        return Math.clamp(charts, 1, MAX_LOOKAHEAD);
    }

    /** The chain of one chart: three remote stages, each followed by its count on this JVM; delivers the chart's outcome. */
    Task<ChartOutcome> chart(CellFiles cell, String key) {
        var parameters = new HashMap<String, String>();
        parameters.put("cell", cell.name());
        parameters.put("base", cell.baseFile().toAbsolutePath().toString());
        try {
            parameters.put("updates", JSON.writeValueAsString(cell.updates().stream().map(p -> p.toAbsolutePath().toString()).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        parameters.put("crs", options.crs());
        parameters.put("zooms", options.zooms().map(ZoomRange::toString).orElse("auto"));
        parameters.put("work", workPath);
        parameters.put("key", key);
        parameters.put("run", run);
        // The store key says which files the result names: the work folder and the cell's files.
        String identity = TaskKey.digest(workPath + "|" + key);
        Task<StageResult> reproject = remote(REPROJECT, identity, cell, parameters, List.of());
        Task<StageResult> produce = remote(PRODUCE, identity, cell, parameters, List.of(reproject));
        Task<StageResult> bundle = remote(BUNDLE, identity, cell, parameters, List.of(produce));
        Task<StageResult> reprojected = counted(Stage.REPROJECT, identity, cell, List.of(reproject));
        Task<StageResult> produced = counted(Stage.PRODUCE, identity, cell, List.of(produce, reprojected));
        return Task.<ChartOutcome>builder(new TaskKey("charts.bundle.arrived", ChartProduction.VERSION, identity, cell.name()))
                .pool("inline")
                .inputs(List.of(bundle, produced))
                .compute((inputs, cancel) -> outcome(cell, key, arrived(Stage.BUNDLE, inputs.get(0))));
    }

    /** Stage 4 of one block of tiles on a worker, followed by its count on this JVM; delivers {@code output}. */
    Task<Path> merge(TileId unit, List<Path> bundles, String key, Path output) {
        var parameters = new HashMap<String, String>();
        parameters.put("crs", options.crs());
        parameters.put("unit", unit.z() + "/" + unit.x() + "/" + unit.y());
        try {
            parameters.put("bundles", JSON.writeValueAsString(bundles.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        parameters.put("output", output.toAbsolutePath().toString());
        parameters.put("run", run);
        String identity = TaskKey.digest(workPath + "|" + key);
        Task<StageResult> merge = Task.<StageResult>builder(new TaskKey(MERGE, ChartProduction.VERSION, identity, unit.toString()))
                .codec(codec)
                .remote(MERGE, parameters)
                .compute((values, cancel) -> codec.decode(run(Stage.MERGE, parameters, List.of())));
        return Task.<Path>builder(new TaskKey("charts.merge.arrived", ChartProduction.VERSION, identity, unit.toString()))
                .pool("inline")
                .inputs(List.of(merge))
                .compute((values, cancel) -> {
                    arrived(Stage.MERGE, (StageResult) values.get(0));
                    return output;
                });
    }

    private Task<StageResult> remote(String function, String identity, CellFiles cell, Map<String, String> parameters,
                                     List<Task<StageResult>> inputs) {
        Stage stage = stageOf(function);
        return Task.<StageResult>builder(new TaskKey(function, ChartProduction.VERSION, identity, cell.name()))
                .inputs(inputs)
                .codec(codec)
                .remote(function, parameters)
                .compute((values, cancel) -> codec.decode(run(stage, parameters, values.size() == 0 ? List.of()
                        : List.of(codec.encode(values.get(0))))));
    }

    /** A task of this JVM that counts {@code stage} of a chart done when the remote stage's result arrives. */
    private Task<StageResult> counted(Stage stage, String identity, CellFiles cell, List<Task<StageResult>> inputs) {
        return Task.<StageResult>builder(new TaskKey("charts." + stage.name().toLowerCase(java.util.Locale.ROOT) + ".arrived",
                        ChartProduction.VERSION, identity, cell.name()))
                .pool("inline")
                .inputs(inputs)
                .compute((values, cancel) -> arrived(stage, values.get(0)));
    }

    private StageResult arrived(Stage stage, StageResult result) {
        if (result.failedStage() == null) {
            if (!run.equals(result.run())) {
                reused.incrementAndGet(); // an earlier run's result from the chunk store, whose file is still there
            } else {
                millis.addAndGet(stage.ordinal(), result.millis());
                if (result.reused()) {
                    reused.incrementAndGet();
                }
            }
        }
        stageDone.done(stage);
        return result;
    }

    private ChartOutcome outcome(CellFiles cell, String key, StageResult result) {
        if (result.failedStage() != null) {
            LOG.warn("{} failed in stage {}: {}", cell.name(), result.failedStage(), result.failure());
            return new ChartOutcome(cell, null, key, null, Set.of(), CellProblem.of(cell, result.failedStage(), result.failure()));
        }
        return new ChartOutcome(cell, ChartProduction.bundled(work, cell, key), key, result.description(), new TreeSet<>(result.units()), null);
    }

    /**
     * Encodes results as JSON. Decoding checks that the file a result names is there: a member
     * that does not see another's files fails the production by name, and a stored result whose
     * file was deleted is computed again. With {@code run} (the coordinator's), a stored failure
     * of another run is refused too, so a failed cell is tried again.
     */
    static Codec<StageResult> codec(String run) {
        return Codec.of(result -> {
            try {
                return JSON.writeValueAsBytes(result);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, bytes -> {
            StageResult result;
            try {
                result = JSON.readValue(bytes, StageResult.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (result.failedStage() != null) {
                if (run != null && !run.equals(result.run())) {
                    throw new IllegalStateException("a chart failure of an earlier run is not reused; the chart is tried again");
                }
            } else if (!Files.exists(Path.of(result.output()))) {
                throw new IllegalStateException(result.output() + " is not on this machine: deleted since it was written, or the "
                        + "members of the cluster do not share the work folder under the same path");
            }
            return result;
        });
    }

    private static Stage stageOf(String function) {
        return switch (function) {
            case REPROJECT -> Stage.REPROJECT;
            case PRODUCE -> Stage.PRODUCE;
            case BUNDLE -> Stage.BUNDLE;
            case MERGE -> Stage.MERGE;
            default -> throw new IllegalArgumentException("no chart stage " + function);
        };
    }

    /** What the registry runs for {@code function} on a worker. */
    static byte[] run(String function, Map<String, String> parameters, List<byte[]> inputs) {
        return run(stageOf(function), parameters, inputs);
    }

    /**
     * Stage {@code stage} of the chart the parameters name, on whichever JVM: what the embedded
     * chain does for that stage, skipped when its output exists.
     */
    static byte[] run(Stage stage, Map<String, String> parameters, List<byte[]> inputs) {
        if (stage == Stage.MERGE) {
            return merge(parameters);
        }
        StageResult previous = inputs.isEmpty() ? null : WORKER_CODEC.decode(inputs.getFirst());
        if (previous != null && previous.failedStage() != null) {
            return inputs.getFirst(); // the chart failed earlier: passed on, nothing to do
        }
        CellFiles cell = cell(parameters);
        String run = parameters.get("run");
        Path work = Path.of(parameters.get("work"));
        String key = parameters.get("key");
        String crs = parameters.get("crs");
        long start = System.nanoTime();
        var reused = new AtomicLong();
        try {
            StageResult result = switch (stage) {
                case REPROJECT -> {
                    Path output = ChartProduction.reprojected(work, cell, key);
                    Reprojection.ChartHeader header = ChartProduction.reproject(cell, crs, output, reused);
                    yield new StageResult(run, 0, false, output.toString(), header, null, null, null, null, null);
                }
                case PRODUCE -> {
                    TileGrid grid = grid(crs);
                    String zoomText = parameters.get("zooms");
                    var options = new Options(crs, zoomText.equals("auto") ? Optional.empty() : Optional.of(ZoomRange.parse(zoomText)), "");
                    ZoomRange zooms = ChartProduction.zooms(options, grid, previous.header(), cell);
                    Path output = ChartProduction.produced(work, cell, key);
                    ChartProduction.produce(cell, Path.of(previous.output()), grid, zooms, output, reused);
                    yield new StageResult(run, 0, false, output.toString(), previous.header(), zooms.toString(), null, null, null, null);
                }
                case BUNDLE -> {
                    Path output = ChartProduction.bundled(work, cell, key);
                    ChartBundle bundle = ChartProduction.bundle(previous.header(), ZoomRange.parse(previous.zooms()),
                            ChartProduction.reprojected(work, cell, key), Path.of(previous.output()), output, reused);
                    yield new StageResult(run, 0, false, output.toString(), previous.header(), previous.zooms(), bundle.description(),
                            List.copyOf(ChartProduction.units(bundle)), null, null);
                }
                default -> throw new IllegalArgumentException("stage " + stage + " is not a chart's");
            };
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            return WORKER_CODEC.encode(new StageResult(result.run(), elapsed, reused.get() > 0, result.output(), result.header(),
                    result.zooms(), result.description(), result.units(), null, null));
        } catch (GdalException e) {
            if (!e.causedByInput()) {
                throw e; // Tilework misused GDAL: a defect, which aborts the production
            }
            return failed(run, stage, e);
        } catch (ChartFailure | IOException | UncheckedIOException e) {
            // Only what the cell or the disk can be blamed for fails the chart; any other exception is a defect and aborts.
            return failed(run, stage, e);
        }
    }

    /** Stage 4 of one block, skipped when its output exists; any failure aborts the production, as embedded. */
    private static byte[] merge(Map<String, String> parameters) {
        long start = System.nanoTime();
        Path output = Path.of(parameters.get("output"));
        boolean reused = Files.exists(output);
        try {
            if (!reused) {
                String[] unit = parameters.get("unit").split("/");
                List<String> bundles = JSON.readValue(parameters.get("bundles"), new TypeReference<List<String>>() {
                });
                TileMerge.run(grid(parameters.get("crs")), ChartProduction.tilesOf(
                        new TileId(Integer.parseInt(unit[0]), Integer.parseInt(unit[1]), Integer.parseInt(unit[2])),
                        bundles.stream().map(Path::of).toList()), output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return WORKER_CODEC.encode(new StageResult(parameters.get("run"), (System.nanoTime() - start) / 1_000_000, reused,
                output.toString(), null, null, null, null, null, null));
    }

    private static byte[] failed(String run, Stage stage, Exception e) {
        return WORKER_CODEC.encode(new StageResult(run, 0, false, null, null, null, null, null, stage.label(), e.getMessage()));
    }

    private static CellFiles cell(Map<String, String> parameters) {
        List<String> updates;
        try {
            updates = JSON.readValue(parameters.get("updates"), new TypeReference<List<String>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CellFiles(parameters.get("cell"), Path.of(parameters.get("base")), updates.stream().map(Path::of).toList());
    }

    private static TileGrid grid(String crs) {
        TileGrid grid = GRIDS.get(crs);
        if (grid == null) {
            grid = TileGrid.of(crs);
            if (GRIDS.size() >= MAX_GRIDS) {
                GRIDS.clear();
            }
            GRIDS.put(crs, grid);
        }
        return grid;
    }
}
