package io.tilework.charts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tilework.charts.ChartProduction.Stage;
import io.tilework.engine.Engine;
import io.tilework.engine.pool.FunctionRegistry;
import io.tilework.engine.pool.Pools;
import io.tilework.engine.pool.SerializingPool;
import io.tilework.engine.pool.TaskDescriptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chain with every chart stage sent through its descriptor ({@link SerializingPool} as the
 * {@code cpu} pool): the product, the summary, the failures and the progress are the embedded
 * run's, and the stages really ran as {@code charts.reproject}, {@code charts.produce},
 * {@code charts.bundle} and {@code charts.merge}.
 */
@DisplayName("The chart production with its chart stages on a remote pool")
class RemoteChartProductionTest {

    private static final List<String> STAGES = List.of("charts.reproject", "charts.produce", "charts.bundle", "charts.merge");
    private static final int CELLS = 4;

    @TempDir
    static Path temp;

    private static Path enc;
    private static Path embedded;
    private static ChartProduction.Summary embeddedSummary;
    private static Map<Stage, List<Long>> embeddedProgress;

    /** Three cells that read and one cut to a third of its bytes, which fails in stage 1. */
    @BeforeAll
    static void produceEmbedded() throws IOException {
        enc = ChartCells.copy(temp.resolve("enc"), "AA5C1AB1", "AA5C1AB2", "AA4C1XMS", "US5MA12M");
        Path cell = enc.resolve("US5MA12M/US5MA12M.000");
        byte[] bytes = Files.readAllBytes(cell);
        Files.write(cell, Arrays.copyOf(bytes, bytes.length / 3));
        embedded = temp.resolve("embedded");
        var progress = new Progress();
        try (Engine engine = Engine.builder().pool(Pools.cpu(2)).build()) {
            embeddedSummary = ChartProduction.run(engine, enc, embedded, ChartProduction.Options.defaults(), progress);
        }
        embeddedProgress = progress.dones();
    }

    @Test
    @DisplayName("through descriptors: the same tiles, triangles, display points, summary, failure and progress as embedded")
    void remoteStages_giveTheEmbeddedProduct() throws Exception {
        var runs = new Runs();
        var progress = new Progress();
        Path out = temp.resolve("remote");
        ChartProduction.Summary remote;
        try (Engine engine = Engine.builder().pool(new SerializingPool("cpu", 2, runs.registry())).build()) {
            assertTrue(engine.runsRemotely("cpu"));
            remote = ChartProduction.run(engine, enc, out, ChartProduction.Options.defaults(), progress);
        }
        int blocks = (int) units(out);
        assertAll(
                () -> assertEquals(Map.of("charts.reproject", CELLS, "charts.produce", CELLS, "charts.bundle", CELLS, "charts.merge", blocks),
                        runs.counts(), "every stage of every chart and every block of tiles ran through its descriptor "
                                + "(the failed chart's later stages pass its failure on)"),
                () -> assertTrue(blocks > 0),
                () -> assertEquals(ChartProductionTest.tiles(embedded), ChartProductionTest.tiles(out), "same tiles, byte for byte"),
                () -> assertEquals(ChartProductionTest.geometry(embedded), ChartProductionTest.geometry(out), "same triangles and display points"),
                () -> assertEquals(numbers(embeddedSummary), numbers(remote)),
                () -> assertEquals(1, remote.failures().size()),
                () -> assertTrue(remote.failures().getFirst().message().contains("US5MA12M.000 is truncated or damaged: read "),
                        remote.failures().getFirst()::toString),
                () -> assertEquals(summaryFile(embedded), summaryFile(out), "summary.json but the times"),
                () -> assertEquals(embeddedProgress, progress.dones(), "each stage counted on the coordinator: 0 to 4 charts, 0 to every block"),
                () -> assertEquals(List.of(0L, 1L, 2L, 3L, 4L), progress.dones().get(Stage.BUNDLE)),
                () -> assertTrue(remote.stageMillis().get(Stage.REPROJECT) > 0, "the workers' time is counted: " + remote.stageMillis()));

        var rerunRuns = new Runs();
        ChartProduction.Summary rerun;
        try (Engine engine = Engine.builder().pool(new SerializingPool("cpu", 2, rerunRuns.registry())).build()) {
            rerun = ChartProduction.run(engine, enc, out, ChartProduction.Options.defaults(), new Progress());
        }
        assertAll(
                () -> assertEquals(3L * 3 + blocks + 1, rerun.reused(), "a rerun reuses the 3 outputs of each good chart, every block, the product"),
                () -> assertEquals(Map.of("charts.reproject", CELLS, "charts.produce", CELLS, "charts.bundle", CELLS, "charts.merge", blocks),
                        rerunRuns.counts()),
                () -> assertEquals(ChartProductionTest.tiles(embedded), ChartProductionTest.tiles(out)));
    }

    @Test
    @DisplayName("with a chunk store: stored stages are reused while their files exist, failures never, deleted files are made again")
    void chunkStore_reusesOnlyWhatIsStillThere() throws Exception {
        Path out = temp.resolve("stored");
        Path store = temp.resolve("store");
        ChartProduction.Summary first = produceRemotely(out, store, new Runs());

        var again = new Runs();
        ChartProduction.Summary second = produceRemotely(out, store, again);
        long units = units(out);
        assertAll(
                () -> assertEquals(Map.of("charts.reproject", 1, "charts.produce", 1, "charts.bundle", 1), again.counts(),
                        "the good charts' stages and the blocks come from the store; the failed chart is tried again"),
                () -> assertEquals(3L * 3 + units + 1, second.reused(), "stored stages count as reused, as their files do embedded"),
                () -> assertEquals(numbers(first), numbers(second)),
                () -> assertEquals(1, second.failures().size()));

        try (Stream<Path> bundles = Files.walk(out.resolve(ChartProduction.WORK))) {
            for (Path bundle : bundles.filter(p -> p.toString().endsWith(".bundle")).toList()) {
                Files.delete(bundle);
            }
        }
        var third = new Runs();
        ChartProduction.Summary remade = produceRemotely(out, store, third);
        assertAll(
                () -> assertEquals(Map.of("charts.reproject", 1, "charts.produce", 1, "charts.bundle", CELLS), third.counts(),
                        "the stored bundle stages name deleted files: run again; the blocks' files are there"),
                () -> assertEquals(numbers(first), numbers(remade)),
                () -> assertEquals(ChartProductionTest.tiles(embedded), ChartProductionTest.tiles(out)),
                () -> assertEquals(ChartProductionTest.geometry(embedded), ChartProductionTest.geometry(out)));
    }

    private static ChartProduction.Summary produceRemotely(Path out, Path store, Runs runs) throws IOException {
        try (Engine engine = Engine.builder().pool(new SerializingPool("cpu", 2, runs.registry())).store(store, 1L << 30).build()) {
            return ChartProduction.run(engine, enc, out, ChartProduction.Options.defaults(), new Progress());
        }
    }

    /** The summary's figures, without times, reuse and paths. */
    private static List<Object> numbers(ChartProduction.Summary s) {
        return List.of(s.cells(), s.produced(), s.failures(), s.features(), s.pieces(), s.displayPoints(), s.tiles(), s.triangles(),
                s.minZoom(), s.maxZoom(), s.fingerprint());
    }

    private static ObjectNode summaryFile(Path out) throws IOException {
        var node = (ObjectNode) new ObjectMapper().readTree(out.resolve(ChartProduction.SUMMARY).toFile());
        node.remove("stageMillis");
        return node;
    }

    private static long units(Path out) throws IOException {
        try (Stream<Path> settings = Files.list(out.resolve(ChartProduction.WORK));
             Stream<Path> files = Files.list(settings.findFirst().orElseThrow().resolve("4-merge"))) {
            return files.count();
        }
    }

    /** The discovered chart functions, counted per name as the pool runs them. */
    private static final class Runs {
        private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

        FunctionRegistry registry() {
            FunctionRegistry discovered = FunctionRegistry.discover();
            assertTrue(discovered.names().containsAll(STAGES), "found by ServiceLoader: " + discovered.names());
            var counting = new FunctionRegistry();
            for (String name : discovered.names()) {
                counting.register(name, (parameters, inputs) -> {
                    runs.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                    return discovered.run(new TaskDescriptor(name, parameters, inputs));
                });
            }
            return counting;
        }

        Map<String, Integer> counts() {
            var counts = new TreeMap<String, Integer>();
            runs.forEach((name, count) -> counts.put(name, count.get()));
            return counts;
        }
    }

    /** The {@code done} values each of stages 1 to 4 reported, sorted. */
    private static final class Progress implements ChartProduction.Listener {
        private final List<Object[]> updates = new CopyOnWriteArrayList<>();

        @Override
        public void progress(Stage stage, long done, long total) {
            updates.add(new Object[] {stage, done, total});
        }

        Map<Stage, List<Long>> dones() {
            var dones = new EnumMap<Stage, List<Long>>(Stage.class);
            for (Object[] update : updates) {
                Stage stage = (Stage) update[0];
                if (stage.ordinal() <= Stage.BUNDLE.ordinal()) {
                    assertEquals((long) CELLS, update[2], "the total of " + stage);
                }
                if (stage != Stage.COPY) {
                    dones.computeIfAbsent(stage, s -> new ArrayList<>()).add((Long) update[1]);
                }
            }
            dones.values().forEach(list -> list.sort(null));
            return dones;
        }
    }
}
