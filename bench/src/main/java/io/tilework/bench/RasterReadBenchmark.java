package io.tilework.bench;

import io.tilework.gdal.Gdal;
import io.tilework.gdal.raster.BandInfo;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.RasterDataset;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Reads one large tiled GeoTIFF whole, three ways, in one run, and compares them:
 * {@code gdal_translate -of MEM} as a subprocess, the binding on one thread, and the binding on
 * several threads (two by default). See bench/RESULTS.md for figures and bench/raster-read.sh to
 * run it.
 *
 * <p><b>What makes the comparison fair.</b> Every run decodes every tile exactly once and nothing
 * more: gdal_translate copies the whole raster (all tiles) into a MEM dataset; the binding reads
 * windows equal to the file's tiles, so each read decodes one tile and none is decoded twice.
 * Neither side can reuse blocks decoded by an earlier run: gdal_translate is a new process each
 * time, and the binding opens fresh handles each run (closing a handle drops its cached blocks).
 * Both run with the same GDAL block cache size ({@code GDAL_CACHEMAX} is passed to the subprocess
 * as the JVM's GDAL uses it); it must hold a whole row of tiles, or gdal_translate, which copies
 * in swaths of whole tile rows, decodes tiles more than once (a warning is printed then). Both
 * inherit the same {@code GDAL_NUM_THREADS}; both read in the
 * file's own pixel type, so GDAL converts nothing. The file is in the OS page cache for both
 * after the warm-ups. The runs are interleaved so that drift in machine load hits all alike.
 *
 * <p><b>What still differs</b>, and is reported rather than hidden: gdal_translate pays process
 * start-up (exec, loading libgdal, registering drivers; measured with {@code --version}) and
 * writes into a raster as big as the file's pixels, while the binding streams tiles through one
 * reused buffer per thread and pays an FFM downcall per tile. The ratio is printed both against
 * the whole gdal_translate process and against it minus start-up.
 */
public final class RasterReadBenchmark {

    static final double SINGLE_THREAD_RATIO_TARGET = 1.05;
    static final double SPEED_UP_TARGET = 1.7;
    /** Share of one core that other processes may use while we measure before the run is flagged. */
    static final double OTHER_LOAD_WARNING = 0.05;
    static final double MIN_OTHER_LOAD_SECONDS = 0.1;

    private static final String USAGE = """
            usage: RasterReadBenchmark FILE [--repetitions N] [--warmups N] [--threads N]
              FILE            a tiled raster, e.g. bench/work/big-float32.tif
              --repetitions   measured runs of each kind (default 5, or BENCH_REPETITIONS)
              --warmups       unmeasured runs of each kind first (default 1, or BENCH_WARMUPS)
              --threads       threads of the parallel binding run (default 2)""";

    record Options(Path file, int repetitions, int warmups, int threads) {

        static Options parse(String[] args) {
            Path file = null;
            int repetitions = intFromEnv("BENCH_REPETITIONS", 5);
            int warmups = intFromEnv("BENCH_WARMUPS", 1);
            int threads = 2;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--repetitions" -> repetitions = intValue(args, ++i);
                    case "--warmups" -> warmups = intValue(args, ++i);
                    case "--threads" -> threads = intValue(args, ++i);
                    default -> {
                        if (args[i].startsWith("-") || file != null) {
                            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                        }
                        file = Path.of(args[i]);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("no raster file given");
            }
            if (repetitions < 1 || warmups < 1 || threads < 2) {
                throw new IllegalArgumentException("need at least 1 repetition, 1 warm-up and 2 threads");
            }
            return new Options(file, repetitions, warmups, threads);
        }

        private static int intValue(String[] args, int index) {
            if (index >= args.length) {
                throw new IllegalArgumentException(args[index - 1] + " needs a number");
            }
            return parseInt(args[index], args[index - 1]);
        }

        private static int intFromEnv(String variable, int fallback) {
            String value = System.getenv(variable);
            return value == null || value.isBlank() ? fallback : parseInt(value.strip(), variable);
        }

        private static int parseInt(String text, String what) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be a whole number, not '" + text + "'");
            }
        }
    }

    /** What the binding sees of the file. */
    record RasterFacts(int width, int height, int bandCount, BandInfo band) {

        TileGrid grid() {
            return new TileGrid(width, height, band.blockWidth(), band.blockHeight());
        }

        long pixelBytes() {
            return (long) width * height * bandCount * band.dataType().bytes();
        }
    }

    /** Sums of the valid (not nodata, not NaN) values of every tile, and how many there were. */
    record TileSums(double[] sums, long[] validCounts) {

        static TileSums of(TileGrid grid) {
            return new TileSums(new double[grid.count()], new long[grid.count()]);
        }

        double total() {
            return Arrays.stream(sums).sum();
        }

        long valid() {
            return Arrays.stream(validCounts).sum();
        }

        boolean sameAs(TileSums other) {
            return Arrays.equals(sums, other.sums) && Arrays.equals(validCounts, other.validCounts);
        }
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + "\n" + USAGE);
            System.exit(64);
            return;
        }
        if (!Files.isRegularFile(options.file())) {
            System.err.println("error: no such file: " + options.file());
            System.exit(66);
        }
        System.exit(run(options) ? 0 : 1);
    }

    /** Runs and reports everything; false when the correctness check failed. */
    static boolean run(Options options) throws IOException, InterruptedException, ExecutionException {
        var version = Gdal.initialize();
        RasterFacts facts;
        try (var dataset = RasterDataset.open(options.file())) {
            facts = new RasterFacts(dataset.width(), dataset.height(), dataset.bandCount(), dataset.band(1));
        }
        TileGrid grid = facts.grid();
        String file = options.file().toString();
        // The same block cache for the subprocess as for the JVM's GDAL (a number below 100000 is MiB to GDAL).
        long cacheBytes = Gdal.cacheMaxBytes();
        String cacheMax = cacheBytes % (1 << 20) == 0 ? Long.toString(cacheBytes >> 20) : Long.toString(cacheBytes);
        var environment = Map.of("GDAL_CACHEMAX", cacheMax);
        var startup = new Command(List.of("gdal_translate", "--version"), environment);
        var translate = new Command(List.of("gdal_translate", "-q", "-of", "MEM", file, ""), environment);

        printMachine(options, facts, version.toString(), startup.run().output().strip(), cacheBytes);

        try (var reader = new TileReader(options.file(), grid, facts.bandCount(), facts.band().dataType(),
                options.threads())) {
            boolean correct = checkCorrectness(options, facts, reader);

            for (int i = 0; i < options.warmups(); i++) {
                translate.run();
                reader.read(1, TileReader.DISCARD);
                reader.read(options.threads(), TileReader.DISCARD);
            }
            var startups = new ArrayList<Long>();
            var translates = new ArrayList<Long>();
            var singles = new ArrayList<Long>();
            var parallels = new ArrayList<Long>();
            var cpuBefore = CpuTimes.now();
            long start = System.nanoTime();
            for (int i = 0; i < options.repetitions(); i++) {
                startups.add(startup.run().nanos());
                translates.add(translate.run().nanos());
                singles.add(reader.read(1, TileReader.DISCARD));
                parallels.add(reader.read(options.threads(), TileReader.DISCARD));
            }
            double wallSeconds = (System.nanoTime() - start) / 1e9;
            var cpu = cpuBefore.flatMap(before -> CpuTimes.now().map(after -> after.since(before)));
            printResults(options, translate, new Samples(startups), new Samples(translates), new Samples(singles),
                    new Samples(parallels));
            printLoad(cpu, wallSeconds);
            return correct;
        }
    }

    private static void printMachine(Options options, RasterFacts facts, String bindingGdal, String toolGdal,
                                     long cacheBytes) throws IOException {
        long fileBytes = Files.size(options.file());
        BandInfo band = facts.band();
        System.out.println("## Raster read benchmark");
        System.out.println();
        System.out.printf("- CPU: %s; %d cores available to the JVM; %s%n", cpuModel(),
                Runtime.getRuntime().availableProcessors(), memTotal());
        System.out.printf("- OS: %s %s (%s)%n", System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        System.out.printf("- Java: %s %s (%s)%n", System.getProperty("java.vm.name"), Runtime.version(),
                System.getProperty("java.vm.vendor"));
        System.out.printf("- GDAL: %s through the binding; gdal_translate says \"%s\"%n", bindingGdal, toolGdal);
        System.out.printf("- GDAL_CACHEMAX: %d MiB for both the JVM and gdal_translate; GDAL_NUM_THREADS: %s%n",
                cacheBytes >> 20, valueOrUnset(Gdal.configOption("GDAL_NUM_THREADS")));
        System.out.printf("- File: %s, %d x %d, %d band(s) of %s, %d x %d blocks (%d tiles), %.1f MiB on disk, "
                        + "%.1f MiB of pixels (%.1f:1)%n", options.file(), facts.width(), facts.height(),
                facts.bandCount(), band.dataType().gdalName(), band.blockWidth(), band.blockHeight(),
                facts.grid().count(), fileBytes / 1048576.0, facts.pixelBytes() / 1048576.0,
                (double) facts.pixelBytes() / fileBytes);
        long tileRowBytes = (long) facts.grid().columns() * facts.grid().pixelsPerTile() * facts.bandCount()
                * band.dataType().bytes();
        if (cacheBytes < tileRowBytes) {
            System.out.printf("- WARNING: GDAL_CACHEMAX is smaller than a row of tiles (%.1f MiB): gdal_translate "
                    + "will decode tiles more than once and lose unfairly%n", tileRowBytes / 1048576.0);
        }
        System.out.printf("- Runs: %d warm-up(s) then %d measured repetition(s) of each kind, interleaved%n",
                options.warmups(), options.repetitions());
        System.out.println();
    }

    /**
     * Reads everything once on one thread and once on several, outside the timed runs, and checks
     * that every tile's sum is bit for bit the same; for a one-band file also that the mean
     * matches {@code gdalinfo -stats}, which reads the file without the binding.
     */
    private static boolean checkCorrectness(Options options, RasterFacts facts, TileReader reader)
            throws InterruptedException, ExecutionException {
        TileGrid grid = facts.grid();
        TileSums single = TileSums.of(grid);
        TileSums parallel = TileSums.of(grid);
        reader.read(1, summing(single, facts));
        reader.read(options.threads(), summing(parallel, facts));
        boolean same = single.sameAs(parallel);
        System.out.println("### Correctness (checked once, not timed)");
        System.out.println();
        System.out.printf("- Sum of valid values, 1 thread:  %.6f over %d values%n", single.total(), single.valid());
        System.out.printf("- Sum of valid values, %d threads: %.6f over %d values -> every tile %s%n",
                options.threads(), parallel.total(), parallel.valid(), same ? "identical: OK" : "DIFFERS: FAILED");
        boolean meanMatches = true;
        if (facts.bandCount() == 1) {
            double mean = single.total() / single.valid();
            double gdalMean = gdalinfoMean(options.file());
            meanMatches = Math.abs(mean - gdalMean) <= 1e-9 * Math.abs(gdalMean);
            System.out.printf("- Mean %.10f vs gdalinfo -stats %.10f -> %s%n", mean, gdalMean,
                    meanMatches ? "OK" : "DIFFERS: FAILED");
        }
        System.out.println();
        return same && meanMatches;
    }

    /** Sums each tile's valid values into {@code sums}, in the same order whichever thread read the tile. */
    private static TileReader.TileSink summing(TileSums sums, RasterFacts facts) {
        DataType type = facts.band().dataType();
        double noData = facts.band().noData().orElse(Double.NaN);
        return (tile, window, pixels) -> {
            long values = window.pixelCount() * facts.bandCount();
            double sum = 0;
            long valid = 0;
            for (long i = 0; i < values; i++) {
                double value = value(pixels, type, i);
                if (!Double.isNaN(value) && value != noData) {
                    sum += value;
                    valid++;
                }
            }
            sums.sums()[tile] = sum;
            sums.validCounts()[tile] = valid;
        };
    }

    private static double value(MemorySegment pixels, DataType type, long index) {
        return switch (type) {
            case BYTE -> Byte.toUnsignedInt(pixels.get(ValueLayout.JAVA_BYTE, index));
            case INT16 -> pixels.getAtIndex(ValueLayout.JAVA_SHORT, index);
            case UINT16 -> Short.toUnsignedInt(pixels.getAtIndex(ValueLayout.JAVA_SHORT, index));
            case INT32 -> pixels.getAtIndex(ValueLayout.JAVA_INT, index);
            case UINT32 -> Integer.toUnsignedLong(pixels.getAtIndex(ValueLayout.JAVA_INT, index));
            case FLOAT32 -> pixels.getAtIndex(ValueLayout.JAVA_FLOAT, index);
            case FLOAT64 -> pixels.getAtIndex(ValueLayout.JAVA_DOUBLE, index);
            default -> throw new IllegalArgumentException("cannot sum " + type.gdalName() + " pixels");
        };
    }

    /** Band 1's exact mean as {@code gdalinfo -stats} computes it, without leaving an .aux.xml behind. */
    private static double gdalinfoMean(Path file) throws InterruptedException {
        String output = new Command(List.of("gdalinfo", "-stats", file.toString()), Map.of("GDAL_PAM_ENABLED", "NO"))
                .run().output();
        var mean = Pattern.compile("STATISTICS_MEAN=(\\S+)").matcher(output);
        if (!mean.find()) {
            throw new IllegalStateException("gdalinfo -stats printed no STATISTICS_MEAN:\n" + output);
        }
        return Double.parseDouble(mean.group(1));
    }

    private static void printResults(Options options, Command translate, Samples startups, Samples translates,
                                     Samples singles, Samples parallels) {
        int threads = options.threads();
        System.out.println("### Timings (wall time, ms)");
        System.out.println();
        System.out.println("| run | median | min | all runs |");
        System.out.println("|---|---:|---:|---|");
        row("process start-up: `gdal_translate --version`", startups);
        row("`" + translate + "`", translates);
        row("binding, 1 thread, tile windows", singles);
        row("binding, " + threads + " threads, tile windows", parallels);
        System.out.println();

        double ratio = singles.medianMillis() / translates.medianMillis();
        double ratioOfMins = singles.minMillis() / translates.minMillis();
        double withoutStartup = singles.medianMillis() / (translates.medianMillis() - startups.medianMillis());
        double speedUp = singles.medianMillis() / parallels.medianMillis();
        double speedUpOfMins = singles.minMillis() / parallels.minMillis();
        System.out.println("### Ratios (of medians; of minimums in brackets)");
        System.out.println();
        System.out.printf("- binding 1 thread / gdal_translate: %.3f (%.3f), target <= %.2f: %s%n",
                ratio, ratioOfMins, SINGLE_THREAD_RATIO_TARGET, verdict(ratio <= SINGLE_THREAD_RATIO_TARGET));
        System.out.printf("- binding 1 thread / (gdal_translate - start-up): %.3f, target <= %.2f: %s%n",
                withoutStartup, SINGLE_THREAD_RATIO_TARGET, verdict(withoutStartup <= SINGLE_THREAD_RATIO_TARGET));
        System.out.printf("- speed-up, 1 thread / %d threads: %.2fx (%.2fx), target >= %.1fx for 2 threads: %s%n",
                threads, speedUp, speedUpOfMins, SPEED_UP_TARGET, verdict(speedUp >= SPEED_UP_TARGET));
    }

    /** Whether something else ran while we measured: it would show first as a poor speed-up. */
    private static void printLoad(Optional<CpuTimes> cpu, double wallSeconds) {
        System.out.println();
        if (cpu.isEmpty()) {
            System.out.println("- Machine load during the measured runs: unknown (no /proc)");
            return;
        }
        CpuTimes used = cpu.get();
        double othersShare = used.othersSeconds() / wallSeconds;
        // /proc counts in 10 ms ticks: allow a few of them on short runs before crying wolf.
        double allowance = Math.max(OTHER_LOAD_WARNING * wallSeconds, MIN_OTHER_LOAD_SECONDS);
        System.out.printf("- CPU during the measured runs (%.1f s wall): benchmark and its gdal_translate children "
                        + "%.2f s, everything else %.2f s (%.0f%% of one core), hypervisor steal %.2f s%n",
                wallSeconds, used.benchmarkSeconds(), used.othersSeconds(), 100 * othersShare, used.stealSeconds());
        if (used.othersSeconds() > allowance || used.stealSeconds() > allowance) {
            System.out.println("- WARNING: the machine was not idle; the timings, the speed-up above all, are "
                    + "not trustworthy. Re-run when nothing else is running.");
        }
    }

    private static void row(String label, Samples samples) {
        System.out.printf("| %s | %.1f | %.1f | %s |%n", label, samples.medianMillis(), samples.minMillis(),
                samples.allMillis());
    }

    private static String verdict(boolean met) {
        return met ? "PASS" : "FAIL";
    }

    private static String valueOrUnset(String value) {
        return value == null ? "unset" : value;
    }

    private static String cpuModel() {
        return procLine(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
    }

    private static String memTotal() {
        return procLine(Path.of("/proc/meminfo"), "MemTotal")
                .map(kb -> "%.1f GiB RAM".formatted(Long.parseLong(kb.replaceAll("\\D", "")) / 1048576.0))
                .orElse("RAM unknown");
    }

    /** The value of the first "key : value" line of a /proc file, when there is one (Linux). */
    private static Optional<String> procLine(Path file, String key) {
        try (var lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(key)).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).strip());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
