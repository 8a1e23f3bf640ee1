package io.tilework.bench.engine;

import io.tilework.bench.CpuTimes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the engine's benchmarks and checks them against the targets of the engine's performance
 * issue, in one go (about 3 minutes on two cores):
 *
 * <ol>
 *   <li>{@link SchedulingBenchmark} (JMH): the cost per trivial task, on the inline pool and on a
 *       cpu pool of one thread (target: at most {@value #OVERHEAD_TARGET_MICROS} us per task) and the
 *       throughput on a cpu pool of two (target: at least {@value #THROUGHPUT_TARGET} tasks/s);</li>
 *   <li>{@link DagMemoryProbe}, each in a JVM of its own with a fixed {@code -Xmx}: the
 *       1,001,000-task {@link Dag} under a 64 MiB budget (target: it completes, the engine holds at
 *       most the budget and the live heap stays within budget + baseline), under a budget tight
 *       enough to bind, the same DAG on CompletableFutures, and the DAG as one request;</li>
 *   <li>{@link DagBenchmark} (JMH): the same DAG on Tilework and on CompletableFutures over a
 *       {@code ForkJoinPool(2)} (target: Tilework's time at most {@value #DAG_RATIO_TARGET} x).</li>
 * </ol>
 *
 * Then prints a summary with the ratios and PASS/FAIL per target. JMH's raw results go to
 * {@code bench/work/engine-jmh.json}.
 *
 * {@snippet lang="shell" :
 * bench/engine.sh           # from the repository root, with JAVA_HOME set
 * bench/engine.sh --quick   # one short iteration of everything: checks the wiring, not the figures
 * }
 */
public final class EngineBenchmarks {

    static final double OVERHEAD_TARGET_MICROS = 2.0;
    static final double THROUGHPUT_TARGET = 500_000;
    static final double DAG_RATIO_TARGET = 1.5;
    static final int PROBE_BUDGET_MIB = 64;
    static final int TIGHT_BUDGET_MIB = 12;
    static final String PROBE_HEAP = "128m";
    /** Share of one core that other processes may use while we measure before the run is flagged. */
    static final double OTHER_LOAD_WARNING = 0.05;

    private EngineBenchmarks() {
    }

    record Probe(String label, String heap, Map<String, String> values) {
        long bytes(String name) {
            return Long.parseLong(values.getOrDefault(name, "-1"));
        }

        boolean correct() {
            return "true".equals(values.get("correct"));
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        for (String arg : args) {
            if (!arg.equals("--quick")) {
                System.err.println("usage: EngineBenchmarks [--quick]");
                System.exit(2);
            }
        }
        Path work = Path.of("bench", "work");
        Files.createDirectories(work);
        printMachine(quick);

        long start = System.nanoTime();
        Optional<CpuTimes> cpuBefore = CpuTimes.now();
        Collection<RunResult> jmh = runJmh(work.resolve("engine-jmh.json"), quick);
        List<Probe> probes = List.of(
                probe("Tilework, budget " + PROBE_BUDGET_MIB + " MiB, lookahead 4", PROBE_HEAP, "tilework", PROBE_BUDGET_MIB, 4),
                probe("Tilework, budget " + TIGHT_BUDGET_MIB + " MiB (binds), lookahead 4", PROBE_HEAP, "tilework", TIGHT_BUDGET_MIB, 4),
                probe("CompletableFutures, lookahead 4", PROBE_HEAP, "futures", PROBE_BUDGET_MIB, 4),
                probe("Tilework, the DAG as ONE request (root over all), budget " + PROBE_BUDGET_MIB + " MiB", PROBE_HEAP,
                        "tilework-tree", PROBE_BUDGET_MIB, 1));
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        Optional<CpuTimes> cpu = cpuBefore.flatMap(before -> CpuTimes.now().map(after -> after.since(before)));

        System.out.println();
        System.out.println("## Engine benchmarks: summary");
        System.out.println();
        boolean met = summariseScheduling(jmh);
        met &= summariseMemory(probes);
        met &= summariseDag(jmh);
        printLoad(cpu, wallSeconds);
        System.out.println();
        System.out.println(met ? "**Every target is met.**" : "**At least one target is missed** (FAIL above).");
        if (quick) {
            System.out.println("(--quick: one short iteration each; these figures check the wiring only.)");
        }
    }

    // ---- running -------------------------------------------------------------------------------

    private static Collection<RunResult> runJmh(Path json, boolean quick) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(SchedulingBenchmark.class.getName())
                .include(DagBenchmark.class.getName())
                .result(json.toString())
                .resultFormat(ResultFormatType.JSON)
                .shouldFailOnError(true);
        if (quick) {
            options.warmupIterations(1).measurementIterations(1)
                    .warmupTime(TimeValue.milliseconds(200)).measurementTime(TimeValue.milliseconds(200));
        }
        return new Runner(options.build()).run();
    }

    /** Runs {@link DagMemoryProbe} in a JVM of its own with {@code -Xmx heap}. */
    private static Probe probe(String label, String heap, String kind, int budgetMiB, int lookahead)
            throws IOException, InterruptedException {
        System.out.printf("%n# Memory probe: %s, -Xmx%s%n", label, heap);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(java, "-Xms" + heap, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                DagMemoryProbe.class.getName(), kind, Integer.toString(budgetMiB), Integer.toString(lookahead));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, String> values = new HashMap<>();
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("probe.") && line.contains("=")) {
                    values.put(line.substring(6, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                } else {
                    System.out.println(line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            System.out.printf("# the probe exited with status %d (out of memory, or a wrong checksum)%n", exit);
            values.put("correct", "false");
        }
        return new Probe(label, heap, values);
    }

    // ---- summaries -----------------------------------------------------------------------------

    private static boolean summariseScheduling(Collection<RunResult> results) {
        System.out.printf(Locale.ROOT, "### 1. Scheduling overhead per trivial task (%,d tasks returning a constant, "
                + "lookahead %,d)%n%n", SchedulingBenchmark.TASKS, SchedulingBenchmark.LOOKAHEAD);
        System.out.println("| pool | stream: us/task | stream: tasks/s | submit: us/task | submit: tasks/s |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String pool : List.of("inline", "cpu-1", "cpu-2")) {
            Stats stream = find(results, "SchedulingBenchmark.stream", "pool", pool);
            Stats submit = find(results, "SchedulingBenchmark.submit", "pool", pool);
            System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %s | %,.0f |%n", pool, stream.withError(3),
                    1e6 / stream.mean(), submit.withError(3), 1e6 / submit.mean());
        }
        System.out.println();
        double inline = find(results, "SchedulingBenchmark.stream", "pool", "inline").mean();
        double oneThread = find(results, "SchedulingBenchmark.stream", "pool", "cpu-1").mean();
        double twoThreads = 1e6 / find(results, "SchedulingBenchmark.stream", "pool", "cpu-2").mean();
        boolean a = inline <= OVERHEAD_TARGET_MICROS;
        boolean b = oneThread <= OVERHEAD_TARGET_MICROS;
        boolean c = twoThreads >= THROUGHPUT_TARGET;
        System.out.printf(Locale.ROOT, "- 1a. inline pool (all on one thread): %.3f us/task, target <= %.1f us: %s%n",
                inline, OVERHEAD_TARGET_MICROS, verdict(a));
        System.out.printf(Locale.ROOT, "- 1b. cpu pool of 1 thread: %.3f us/task, target <= %.1f us: %s%n",
                oneThread, OVERHEAD_TARGET_MICROS, verdict(b));
        System.out.printf(Locale.ROOT, "- 1c. cpu pool of 2 threads: %,.0f tasks/s, target >= %,.0f tasks/s: %s%n",
                twoThreads, THROUGHPUT_TARGET, verdict(c));
        System.out.println();
        return a && b && c;
    }

    private static boolean summariseMemory(List<Probe> probes) {
        Dag dag = Dag.DEFAULT;
        System.out.printf(Locale.ROOT, "### 2. Memory of the %,d-task DAG (%,d requests x %,d leaves of %,d bytes; "
                        + "all leaf results together: %.1f GiB)%n%n", dag.tasks(), dag.requests(), dag.leaves(),
                dag.resultBytes(), dag.requests() * (double) dag.leaves() * dag.resultBytes() / (1L << 30));
        System.out.println("| run | -Xmx | completed | budget | engine peak held | peak live tasks | heap baseline "
                + "| peak live heap | peak heap after any GC |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|");
        for (Probe probe : probes) {
            boolean engine = probe.bytes("peakHeldBytes") >= 0;
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", probe.label(), probe.heap(),
                    probe.correct() ? "yes, checksum OK" : "NO", engine ? mib(probe.bytes("budgetBytes")) : "-",
                    engine ? mib(probe.bytes("peakHeldBytes")) : "-",
                    engine ? "%,d".formatted(probe.bytes("peakLiveTasks")) : "-", mib(probe.bytes("baselineHeapBytes")),
                    mib(probe.bytes("peakLiveHeapBytes")), mib(probe.bytes("peakUsedAfterGcBytes")));
        }
        System.out.println();
        System.out.println("(peak live heap: heap in use right after the full collections a sampler forces every "
                + DagMemoryProbe.SAMPLE_MILLIS + " ms; after any GC: includes garbage not yet collected.)");
        System.out.println();
        Probe streamed = probes.get(0);
        Probe tree = probes.get(3);
        boolean a = fitsBudget(streamed);
        boolean b = fitsBudget(tree);
        System.out.printf(Locale.ROOT, "- 2a. streamed (lookahead 4 requests), -Xmx%s: completed %s, engine peak held "
                        + "%s <= budget %s, peak live heap (sampled) %s <= budget + baseline %s: %s%n", streamed.heap(),
                streamed.correct() ? "yes" : "NO", mib(streamed.bytes("peakHeldBytes")), mib(streamed.bytes("budgetBytes")),
                mib(streamed.bytes("peakLiveHeapBytes")),
                mib(streamed.bytes("budgetBytes") + streamed.bytes("baselineHeapBytes")), verdict(a));
        System.out.printf(Locale.ROOT, "- 2b. the DAG as one request (one root over all 1,000,000 leaves), -Xmx%s: completed %s, "
                        + "engine peak held %s, peak live heap (sampled) %s vs budget + baseline %s: %s%n", tree.heap(),
                tree.correct() ? "yes" : "NO", mib(tree.bytes("peakHeldBytes")), mib(tree.bytes("peakLiveHeapBytes")),
                mib(tree.bytes("budgetBytes") + tree.bytes("baselineHeapBytes")), verdict(b));
        System.out.println();
        return a && b;
    }

    private static boolean fitsBudget(Probe probe) {
        long budget = probe.bytes("budgetBytes");
        return probe.correct() && probe.bytes("peakHeldBytes") <= budget
                && probe.bytes("peakLiveHeapBytes") <= budget + probe.bytes("baselineHeapBytes");
    }

    private static boolean summariseDag(Collection<RunResult> results) {
        System.out.printf(Locale.ROOT, "### 3. The same DAG, Tilework vs CompletableFutures on a ForkJoinPool(%d) "
                + "(ms per whole DAG)%n%n", DagBenchmark.THREADS);
        System.out.println("| lookahead (requests) | Tilework: mean ± error | median | CompletableFutures: mean ± error "
                + "| median | ratio of means | ratio of medians | target | |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        boolean met = true;
        var lines = new ArrayList<String>();
        for (String lookahead : List.of("4", "16")) {
            Stats tilework = find(results, "DagBenchmark.run", "lookahead", lookahead, "impl", "tilework");
            Stats futures = find(results, "DagBenchmark.run", "lookahead", lookahead, "impl", "futures");
            double ratio = tilework.mean() / futures.mean();
            boolean ok = ratio <= DAG_RATIO_TARGET;
            met &= ok;
            System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %s | %.1f | %.2f | %.2f | <= %.1f | %s |%n", lookahead,
                    tilework.withError(1), tilework.median(), futures.withError(1), futures.median(), ratio,
                    tilework.median() / futures.median(), DAG_RATIO_TARGET, verdict(ok));
            lines.add(String.format(Locale.ROOT, "- 3%s. lookahead %s: Tilework / CompletableFutures = %.2f (%.1f / %.1f ms), "
                            + "target <= %.1f: %s", lookahead.equals("4") ? "a" : "b", lookahead, ratio, tilework.mean(),
                    futures.mean(), DAG_RATIO_TARGET, verdict(ok)));
        }
        System.out.println();
        lines.forEach(System.out::println);
        return met;
    }

    // ---- JMH results ---------------------------------------------------------------------------

    /** Mean and error as JMH reports them, and the median of the measured iterations. */
    record Stats(double mean, double error, double median) {
        String withError(int decimals) {
            return String.format(Locale.ROOT, "%." + decimals + "f ± %." + decimals + "f", mean, error);
        }
    }

    /** The result of {@code benchmark} (class.method) with the given parameter values. */
    private static Stats find(Collection<RunResult> results, String benchmark, String... params) {
        for (RunResult result : results) {
            var p = result.getParams();
            if (!p.getBenchmark().endsWith("." + benchmark)) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < params.length; i += 2) {
                matches &= params[i + 1].equals(p.getParam(params[i]));
            }
            if (matches) {
                var scores = new ArrayList<Double>();
                for (BenchmarkResult fork : result.getBenchmarkResults()) {
                    for (IterationResult iteration : fork.getIterationResults()) {
                        scores.add(iteration.getPrimaryResult().getScore());
                    }
                }
                scores.sort(null);
                int n = scores.size();
                double median = n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
                double error = result.getPrimaryResult().getScoreError();
                return new Stats(result.getPrimaryResult().getScore(), Double.isNaN(error) ? 0 : error, median);
            }
        }
        throw new IllegalStateException("JMH produced no result for " + benchmark + " " + List.of(params));
    }

    // ---- machine -------------------------------------------------------------------------------

    private static void printMachine(boolean quick) {
        System.out.println("## Engine benchmarks");
        System.out.println();
        System.out.printf("- Date: %s%n", LocalDate.now());
        System.out.printf("- CPU: %s; %d cores available to the JVM; %s%n", procLine("/proc/cpuinfo", "model name")
                .orElse(System.getProperty("os.arch")), Runtime.getRuntime().availableProcessors(), memTotal());
        System.out.printf("- OS: %s %s (%s)%n", System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        System.out.printf("- Java: %s %s (%s)%n", System.getProperty("java.vm.name"), Runtime.version(),
                System.getProperty("java.vm.vendor"));
        System.out.printf("- JMH forks: 1 per benchmark and parameter set, -Xms1g -Xmx1g, default GC (G1)%s%n",
                quick ? "; --quick: 1 short warm-up and 1 short measurement iteration" : "");
        System.out.println();
    }

    private static void printLoad(Optional<CpuTimes> cpu, double wallSeconds) {
        System.out.println();
        if (cpu.isEmpty()) {
            System.out.println("- Machine load during the run: unknown (no /proc)");
            return;
        }
        CpuTimes used = cpu.get();
        System.out.printf(Locale.ROOT, "- CPU during the run (%.0f s wall): benchmarks %.1f s, everything else %.1f s "
                        + "(%.0f%% of one core), hypervisor steal %.1f s%n", wallSeconds, used.benchmarkSeconds(),
                used.othersSeconds(), 100 * used.othersSeconds() / wallSeconds, used.stealSeconds());
        if (used.othersSeconds() > OTHER_LOAD_WARNING * wallSeconds || used.stealSeconds() > OTHER_LOAD_WARNING * wallSeconds) {
            System.out.println("- WARNING: the machine was not idle; re-run when nothing else is running.");
        }
    }

    private static String memTotal() {
        return procLine("/proc/meminfo", "MemTotal")
                .map(kb -> "%.1f GiB RAM".formatted(Long.parseLong(kb.replaceAll("\\D", "")) / 1048576.0))
                .orElse("RAM unknown");
    }

    private static Optional<String> procLine(String file, String key) {
        try (var lines = Files.lines(Path.of(file))) {
            return lines.filter(line -> line.startsWith(key)).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).strip());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String verdict(boolean met) {
        return met ? "PASS" : "FAIL";
    }
}
