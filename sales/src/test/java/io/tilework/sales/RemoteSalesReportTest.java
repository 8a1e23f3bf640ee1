package io.tilework.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.Engine;
import io.tilework.engine.job.JobContext;
import io.tilework.engine.pool.FunctionRegistry;
import io.tilework.engine.pool.SerializingPool;
import io.tilework.engine.pool.TaskDescriptor;
import io.tilework.sales.failure.BadRowException;
import io.tilework.sales.failure.UnreadableInput;
import io.tilework.sales.generate.SalesGenerator;
import io.tilework.sales.input.CsvLayout;
import io.tilework.sales.input.Splits;
import io.tilework.sales.map.SplitMapper;
import io.tilework.sales.reduce.SalesScan;
import io.tilework.sales.report.Recognition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sales report with its {@code cpu} pool remote: every split travels as a {@code sales.map} descriptor through a
 * {@link SerializingPool}, exactly what a cluster worker receives, and its partial comes back as bytes. The report,
 * its tables and {@code rejects.csv} are byte for byte the embedded run's; a failing split fails as it does embedded.
 */
@DisplayName("the sales report with its splits mapped from descriptors equals the embedded report, byte for byte")
class RemoteSalesReportTest {

    private static final long SPLIT = 48 << 10;

    @TempDir
    Path dir;

    /** The split indices the remote function ran, as a worker would see them. */
    private final Set<Integer> mapped = ConcurrentHashMap.newKeySet();
    private final List<Integer> runs = new CopyOnWriteArrayList<>();
    private final List<Engine> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(Engine::close);
    }

    private Engine embedded() {
        Engine engine = Engine.builder().build();
        engines.add(engine);
        return engine;
    }

    /**
     * "cpu" remote: each descriptor serialised and run through the discovered registry, counted; a failure is sent back
     * Java-serialised, as over a wire, so what arrives is a copy of what the worker threw.
     */
    private Engine remote() {
        FunctionRegistry discovered = FunctionRegistry.discover();
        var counting = new FunctionRegistry().register(SplitMapper.FUNCTION, (parameters, inputs) -> {
            int split = Integer.parseInt(parameters.get("split"));
            runs.add(split);
            mapped.add(split);
            try {
                return discovered.run(new TaskDescriptor(SplitMapper.FUNCTION, parameters, inputs));
            } catch (Exception e) {
                throw overTheWire(e);
            }
        });
        Engine engine = Engine.builder().pool(new SerializingPool("cpu", 2, counting)).build();
        engines.add(engine);
        assertTrue(engine.runsRemotely("cpu"));
        return engine;
    }

    private static Exception overTheWire(Exception e) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Exception) in.readObject();
        }
    }

    /** Generated rows with bad rows of every kind and duplicates, a gzip file, and a file repeating rows of the first. */
    private List<Path> inputs() throws Exception {
        Path first = dir.resolve("in/a.csv");
        SalesGenerator.write(first, new SalesGenerator.Options(12_000, 11, 0.04), (line, reason) -> { });
        Path second = dir.resolve("in/b.csv.gz");
        SalesGenerator.write(second, new SalesGenerator.Options(3_000, 12, 0.04), (line, reason) -> { });
        List<String> lines = Files.readAllLines(first);
        Path third = Files.write(dir.resolve("in/c.csv"), lines.subList(0, 200)); // its rows repeat a.csv's: duplicates across files
        return List.of(first, second, third);
    }

    private SalesReportJob.Summary report(Engine engine, List<Path> files, String out, boolean strict, List<String> progress)
            throws Exception {
        var options = new SalesScan.Options(CsvLayout.defaults(), SPLIT, strict, 50);
        var request = new SalesReportJob.Request(files, dir.resolve(out), null, Recognition.MONTHLY, options);
        return SalesReportJob.run(engine, request, (done, total, message) -> progress.add(done + "/" + total + " " + message));
    }

    @Test
    void theReport_isTheEmbeddedOne() throws Exception {
        List<Path> files = inputs();
        int splits = Splits.plan(files, SPLIT).size();
        var localProgress = Collections.synchronizedList(new ArrayList<String>());
        var remoteProgress = Collections.synchronizedList(new ArrayList<String>());
        SalesReportJob.Summary local = report(embedded(), files, "local", false, localProgress);
        SalesReportJob.Summary remote = report(remote(), files, "remote", false, remoteProgress);

        assertTrue(splits > 8, splits + " splits");
        assertEquals(splits, runs.size(), "each split mapped once, from its descriptor: " + runs);
        assertEquals(splits, mapped.size());
        assertTrue(local.duplicates() > 200 && local.input().rejected() > 400, local.input() + ", " + local.duplicates() + " duplicates");
        assertEquals(local.duplicates(), remote.duplicates());
        List<String> names = names(dir.resolve("local"));
        assertEquals(names, names(dir.resolve("remote")));
        assertTrue(names.containsAll(List.of("report.json", "report.html", "rejects.csv", "cities.csv", "monthly_revenue.csv")), names.toString());
        for (String name : names) {
            assertEquals(-1L, Files.mismatch(dir.resolve("local").resolve(name), dir.resolve("remote").resolve(name)), name);
        }
        // progress per split on this side: one update as each partial arrives, the last at the total
        assertEquals(splits, count(localProgress, " splits read"));
        assertEquals(splits, count(remoteProgress, " splits read"));
        String last = localProgress.stream().filter(p -> p.endsWith(" splits read")).reduce((a, b) -> b).orElseThrow();
        assertEquals(last, remoteProgress.stream().filter(p -> p.endsWith(" splits read")).reduce((a, b) -> b).orElseThrow());
        assertTrue(last.startsWith(last.substring(last.indexOf('/') + 1, last.indexOf(' ')) + "/"), "all bytes read: " + last);
        assertEquals(List.of(), names(dir.resolve("remote")).stream().filter(n -> n.contains("work")).toList(), "the work folder is gone");
    }

    @Test
    @DisplayName("through a schema (Windows-1252, ';', a decimal comma, make, quantity, cost, a dimension): the remote sums and rejects are the embedded ones")
    void throughASchema_theSumsAreTheEmbeddedOnes() throws Exception {
        var text = new StringBuilder("Ref;Jour;Site;Marque;Modèle;Qté;Prix;Coût;Genre\n");
        var random = new java.util.Random(5);
        String[] sites = {"Besançon", "BESANCON", "Dijon", " dijon "};
        for (int i = 0; i < 6_000; i++) {
            text.append(i % 997 == 0 ? "R" + (i / 2) : "R" + i).append(';') // a few repeated ids
                    .append(String.format(java.util.Locale.ROOT, "%02d/%02d/2024", 1 + random.nextInt(28), 1 + random.nextInt(12)))
                    .append(';').append(sites[random.nextInt(4)]).append(';').append(random.nextBoolean() ? "Peugeot" : "Citroën")
                    .append(';').append("Modèle ").append(random.nextInt(5)).append(';')
                    .append(i % 500 == 7 ? "x" : Integer.toString(1 + random.nextInt(3))).append(';')
                    .append(random.nextInt(30_000)).append(',').append(random.nextInt(100)).append(';')
                    .append(random.nextInt(20_000)).append(";").append(random.nextBoolean() ? "F" : "m").append('\n');
        }
        Path file = Files.write(dir.resolve("dealer.csv"), text.toString().getBytes(java.nio.charset.Charset.forName("windows-1252")));
        var schema = io.tilework.sales.schema.SchemaFile.parse("dealer.yaml", """
                dialect: {encoding: windows-1252, delimiter: ";"}
                numbers: {decimal: ","}
                dates: ["dd/MM/yyyy"]
                concepts:
                  id: {column: Ref}
                  date: {column: Jour}
                  city: {column: Site, normalise: [trim, case, accents]}
                  make: {column: Marque}
                  model: {column: Modèle}
                  quantity: {column: Qté}
                  price: {expression: "[Prix] * [Qté]"}
                  cost: {column: Coût}
                dimensions:
                  genre: {column: Genre, normalise: [case]}
                """);
        var options = new SalesScan.Options(schema, 16 << 10, false, 50);
        SalesScan.Result local = SalesScan.run(embedded(), List.of(file), options, dir.resolve("local-rejects.csv"),
                io.tilework.engine.job.JobContext.Progress.NONE);
        SalesScan.Result remote = SalesScan.run(remote(), List.of(file), options, dir.resolve("remote-rejects.csv"),
                io.tilework.engine.job.JobContext.Progress.NONE);
        assertTrue(runs.size() > 4, runs.size() + " splits mapped from descriptors");
        assertTrue(local.duplicates() > 0 && local.totals().rejected > local.duplicates(), local.totals().rejectsByReason.toString());
        assertEquals(-1L, Files.mismatch(dir.resolve("local-rejects.csv"), dir.resolve("remote-rejects.csv")));
        assertTrue(java.util.Arrays.equals(sums(local.totals()), sums(remote.totals())), "the same sums, makes and dimensions");
        assertEquals(java.util.Set.of("Besancon", "Dijon"), local.totals().cities.keySet());
        assertEquals(java.util.Set.of("F", "M"), local.totals().dimensions.get("genre").keySet());
    }

    /** The partial's sums, encoded, without the files it names (the remote run's have names of their own). */
    private static byte[] sums(io.tilework.sales.map.Partial partial) {
        var copy = io.tilework.sales.map.Partial.merge(List.of(partial));
        copy.idRuns.clear();
        copy.splits.clear();
        return io.tilework.sales.map.PartialCodec.INSTANCE.encode(copy);
    }

    @Test
    @DisplayName("a strict run's bad row in a later split, and a truncated gzip file, fail with the embedded run's message")
    void aFailingSplit_failsAsEmbedded() throws Exception {
        List<Path> files = inputs();
        // one bad row, in the seventh split: which split fails first would otherwise depend on the threads
        Path clean = dir.resolve("in/clean.csv");
        SalesGenerator.write(clean, new SalesGenerator.Options(12_000, 13, 0), (line, reason) -> { });
        List<String> lines = new ArrayList<>(Files.readAllLines(clean));
        int bad = (int) (lines.size() * 6.5 / Splits.plan(List.of(clean), SPLIT).size());
        lines.set(bad, lines.get(bad).replaceFirst(",\\d{4}-", ",20x4-"));
        Files.write(clean, lines);
        var ignored = Collections.synchronizedList(new ArrayList<String>());
        var local = assertThrows(BadRowException.class, () -> report(embedded(), List.of(clean), "local", true, ignored));
        var remote = assertThrows(BadRowException.class, () -> report(remote(), List.of(clean), "remote", true, ignored));
        assertEquals(local.getMessage(), remote.getMessage());
        assertTrue(local.getMessage().startsWith(clean + ":" + (bad + 1) + ": bad date"), local.getMessage());

        Path whole = files.get(1);
        byte[] gzip = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("in/cut.csv.gz"), java.util.Arrays.copyOf(gzip, gzip.length * 2 / 3));
        List<Path> damaged = List.of(files.get(0), cut);
        var localCut = assertThrows(UnreadableInput.class, () -> report(embedded(), damaged, "local-cut", false, ignored));
        runs.clear();
        var remoteCut = assertThrows(UnreadableInput.class, () -> report(remote(), damaged, "remote-cut", false, ignored));
        assertEquals(localCut.getMessage(), remoteCut.getMessage());
        assertTrue(localCut.getMessage().startsWith(cut + ": ") && localCut.getMessage().contains("truncated"), localCut.getMessage());
        assertTrue(runs.contains(Splits.plan(damaged, SPLIT).size() - 1), "the gzip split ran remotely: " + runs);
        assertInstanceOf(UnreadableInput.class, remoteCut);
    }

    private static long count(List<String> progress, String suffix) {
        synchronized (progress) {
            return progress.stream().filter(p -> p.endsWith(suffix)).count();
        }
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> list = Files.list(folder)) {
            return new ArrayList<>(new TreeSet<>(list.map(p -> p.getFileName().toString()).toList()));
        }
    }
}
