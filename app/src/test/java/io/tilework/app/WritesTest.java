package io.tilework.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.io.Leftovers;
import io.tilework.sales.generate.SalesGenerator;
import io.tilework.testkit.GdalTools;
import io.tilework.testkit.SmallDisk;
import io.tilework.testkit.TestData;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, points 1 to 3, as a user meets them: two processes writing one output, {@code kill -9}
 * in the middle of a run, and a full disk. Every run is a JVM of its own.
 */
@DisplayName("writes: two writers of one output, kill -9 and a full disk")
class WritesTest {

    private static final Path DEM = TestData.raster("srtm_bigtujunga30m_utm11.tif");

    @TempDir
    Path dir;

    @Test
    @DisplayName("two processes writing the same output at once both succeed; the output is one whole file, gdaldem's, with nothing else left")
    void twoProcesses_sameOutput() throws Exception {
        Path expected = dir.resolve("gdaldem/slope.tif");
        Files.createDirectories(expected.getParent());
        GdalTools.run("gdaldem", "slope", "-q", DEM.toString(), expected.toString());
        Path out = dir.resolve("out/same.tif");
        var first = ChildTilework.start(dir.resolve("logs"), "first", "raster", "slope", DEM.toString(), out.toString(), "--tile", "64", "--quiet");
        var second = ChildTilework.start(dir.resolve("logs"), "second", "raster", "slope", DEM.toString(), out.toString(), "--tile", "64", "--quiet");
        ChildTilework.Result a = first.await();
        ChildTilework.Result b = second.await();
        assertEquals(0, a.exit(), a.err());
        assertEquals(0, b.exit(), b.err());
        assertEquals(checksum(expected), checksum(out));
        assertEquals(java.util.List.of("same.tif"), names(out.getParent()));
    }

    @Test
    @DisplayName("raster slope on a full disk: exit 1, one line naming the output and the space left; the earlier output stays whole")
    void diskFull_rasterSlope() throws Exception {
        try (SmallDisk disk = smallDisk("2m")) {
            Path out = disk.path().resolve("slope.tif");
            var earlier = ChildTilework.run(dir.resolve("logs"), "earlier", "raster", "slope", TestData.raster("elev.tif").toString(), out.toString(), "--quiet");
            assertEquals(0, earlier.exit(), earlier.err());
            int before = checksum(out);

            var full = ChildTilework.run(dir.resolve("logs"), "full", "raster", "slope", DEM.toString(), out.toString(), "--quiet");

            assertDiskFull(full, out);
            assertEquals(before, checksum(out), "the earlier output is intact");
            assertEquals(java.util.List.of("slope.tif"), names(disk.path()));
        }
    }

    @Test
    @DisplayName("raster slope with its cache on a full disk: exit 1 naming the output, no stack trace, no partial file")
    void diskFull_rasterSlopeWithCache() throws Exception {
        try (SmallDisk disk = smallDisk("2m")) {
            Path out = disk.path().resolve("slope.tif");
            var full = ChildTilework.run(dir.resolve("logs"), "full", "raster", "slope", DEM.toString(), out.toString(),
                    "--cache", disk.path().resolve("cache").toString(), "--quiet");
            // the cache fills first: the engine says once that results are no longer cached, then the output fails
            assertEquals(1, full.exit(), full.out() + full.err());
            var lines = full.err().strip().lines().toList();
            assertTrue(lines.size() <= 2, full.err());
            if (lines.size() == 2) {
                assertTrue(lines.getFirst().contains("WARN") && lines.getFirst().contains("no longer cached: cannot write " + disk.path().resolve("cache")), full.err());
            }
            assertOneLine(lines.getLast());
            assertTrue(lines.getLast().startsWith("tilework: cannot write " + out + ": the disk is full ("), full.err());
            assertFalse(Files.exists(out));
            try (Stream<Path> files = Files.walk(disk.path())) {
                assertEquals(java.util.List.of(), files.filter(Leftovers::isTemporary).toList());
            }
        }
    }

    @Test
    @DisplayName("sales generate on a full disk: exit 1, one line naming the file; the earlier file stays whole")
    void diskFull_salesGenerate() throws Exception {
        try (SmallDisk disk = smallDisk("2m")) {
            Path out = disk.path().resolve("transactions.csv");
            var earlier = ChildTilework.run(dir.resolve("logs"), "earlier", "sales", "generate", "--rows", "1000", "--out", out.toString());
            assertEquals(0, earlier.exit(), earlier.err());
            byte[] before = Files.readAllBytes(out);

            var full = ChildTilework.run(dir.resolve("logs"), "full", "sales", "generate", "--rows", "200000", "--out", out.toString());

            assertDiskFull(full, out);
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out)), "the earlier file is intact");
            assertEquals(java.util.List.of("transactions.csv"), names(disk.path()));
        }
    }

    @Test
    @DisplayName("sales report on a full disk: exit 1, one line naming what it wrote; the earlier report stays whole, no work folder left")
    void diskFull_salesReport() throws Exception {
        Path small = dir.resolve("input/small.csv");
        Path large = dir.resolve("input/large.csv");
        SalesGenerator.write(small, SalesGenerator.Options.of(2_000, 1), (line, reason) -> { });
        SalesGenerator.write(large, SalesGenerator.Options.of(400_000, 2), (line, reason) -> { });
        try (SmallDisk disk = smallDisk("2m")) {
            Path out = disk.path().resolve("report");
            var earlier = ChildTilework.run(dir.resolve("logs"), "earlier", "sales", "report", small.toString(), "--out", out.toString(), "--quiet");
            assertEquals(0, earlier.exit(), earlier.err());
            Map<String, byte[]> before = contents(out);

            var full = ChildTilework.run(dir.resolve("logs"), "full", "sales", "report", large.toString(), "--out", out.toString(), "--quiet");

            assertEquals(1, full.exit(), full.out() + full.err());
            assertOneLine(full.err());
            assertTrue(full.err().contains("tilework: cannot write " + out) && full.err().contains(": the disk is full ("), full.err());
            assertSameContents(before, contents(out));
        }
    }

    @Test
    @DisplayName("charts produce on a full disk: exit 1, one line naming the file; the earlier product stays whole, no temporary file")
    void diskFull_chartsProduce() throws Exception {
        Path small = Files.createDirectories(dir.resolve("enc-small"));
        Files.copy(TestData.s57("ECDIS_Chart_1/AA5C1AB1.000"), small.resolve("AA5C1AB1.000"));
        try (SmallDisk disk = smallDisk("2m")) {
            Path product = disk.path().resolve("product");
            var earlier = ChildTilework.run(dir.resolve("logs"), "earlier", "charts", "produce", small.toString(), "--out", product.toString(), "--quiet");
            assertEquals(0, earlier.exit(), earlier.out() + earlier.err());
            Map<String, byte[]> before = contents(product);

            var full = ChildTilework.run(dir.resolve("logs"), "full", "charts", "produce", TestData.s57("US5WA22M").toString(),
                    "--out", product.toString(), "--quiet");

            assertEquals(1, full.exit(), full.out() + full.err());
            // GDAL's S-57 reader may note attributes it ignores (a WARN about the cell's data, not the disk): not counted
            String err = String.join("\n", full.err().lines()
                    .filter(line -> !line.contains("WARN io.tilework.gdal.GDAL") && !line.startsWith("No more warnings")).toList());
            assertOneLine(err);
            assertTrue(err.startsWith("tilework: cannot write " + product) && err.contains(": the disk is full ("), full.err());
            assertSameContents(before, contents(product));
            try (Stream<Path> files = Files.walk(product)) {
                assertEquals(java.util.List.of(), files.filter(Leftovers::isTemporary).toList());
            }
        }
    }

    @Test
    @DisplayName("sales report killed at several points: the next run removes what each left and the folder holds exactly a clean run's files")
    void killedSalesReport_nextRunCleansUp() throws Exception {
        Path input = dir.resolve("input/transactions.csv");
        SalesGenerator.write(input, SalesGenerator.Options.of(1_000_000, 3), (line, reason) -> { });
        Path clean = dir.resolve("clean");
        var cleanRun = ChildTilework.run(dir.resolve("logs"), "clean", "sales", "report", input.toString(), "--out", clean.toString(), "--quiet");
        assertEquals(0, cleanRun.exit(), cleanRun.err());

        Path out = Files.createDirectories(dir.resolve("killed"));
        // the work folder exists for the whole map phase; the other two are short moments, which a kill may miss
        var points = java.util.List.<Predicate<String>>of(
                name -> name.startsWith(".sales-work.tw-"),
                name -> name.startsWith(".rejects.csv.tw-"),
                name -> name.startsWith(".report.json.tw-"));
        for (int i = 0; i < points.size(); i++) {
            var child = ChildTilework.start(dir.resolve("logs"), "killed-" + i, "sales", "report", input.toString(), "--out", out.toString(), "--quiet");
            awaitCreated(out, points.get(i), child.process());
            child.process().destroyForcibly();
            assertTrue(child.process().waitFor(30, TimeUnit.SECONDS));
            if (i == 0) {
                assertTrue(names(out).stream().anyMatch(points.get(0)), "the first kill leaves the work folder: " + names(out));
            }
        }
        var rerun = ChildTilework.run(dir.resolve("logs"), "rerun", "sales", "report", input.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, rerun.exit(), rerun.err());
        assertTrue(rerun.err().matches("(?s).*removed \\d+ leftovers? \\([0-9.]+ [kMG]?B\\) of processes no longer running.*"), rerun.err());
        assertEquals(names(clean), names(out));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(clean.resolve("rejects.csv")), Files.readAllBytes(out.resolve("rejects.csv"))));
    }

    @Test
    @DisplayName("raster slope killed while writing: the next run removes the partial output and cache temporaries, and leaves a clean run's files")
    void killedRasterSlope_nextRunCleansUp() throws Exception {
        Path big = TestData.raster("SRTM_f03_n053e008.tif");
        Path out = Files.createDirectories(dir.resolve("out")).resolve("slope.tif");
        Path cache = dir.resolve("cache");
        var child = ChildTilework.start(dir.resolve("logs"), "killed", "raster", "slope", big.toString(), out.toString(),
                "--cache", cache.toString(), "--tile", "64", "--quiet");
        awaitCreated(out.getParent(), name -> name.startsWith(".slope.tif.tw-"), child.process());
        child.process().destroyForcibly();
        assertTrue(child.process().waitFor(30, TimeUnit.SECONDS));
        assertTrue(names(out.getParent()).stream().anyMatch(n -> n.startsWith(".slope.tif.tw-")), "the kill leaves the partial output");

        var rerun = ChildTilework.run(dir.resolve("logs"), "rerun", "raster", "slope", big.toString(), out.toString(),
                "--cache", cache.toString(), "--tile", "64", "--quiet");
        assertEquals(0, rerun.exit(), rerun.err());
        assertTrue(rerun.err().contains("of processes no longer running"), rerun.err());
        assertEquals(java.util.List.of("slope.tif"), names(out.getParent()));
        try (Stream<Path> files = Files.walk(cache)) {
            assertEquals(java.util.List.of(), files.filter(f -> Leftovers.isTemporary(f) || f.toString().endsWith(".tmp")).toList());
        }
        Path expected = dir.resolve("gdaldem.tif");
        GdalTools.run("gdaldem", "slope", "-q", big.toString(), expected.toString());
        assertEquals(checksum(expected), checksum(out));
    }

    // ------------------------------------------------------------------ helpers

    private SmallDisk smallDisk(String size) throws IOException {
        Assumptions.assumeTrue(SmallDisk.unavailable().isEmpty(), () -> SmallDisk.unavailable().orElseThrow());
        return SmallDisk.mount(dir.resolve("disk"), size);
    }

    private static void assertDiskFull(ChildTilework.Result run, Path file) {
        assertEquals(1, run.exit(), run.out() + run.err());
        assertOneLine(run.err());
        assertTrue(run.err().startsWith("tilework: cannot write " + file + ": the disk is full ("), run.err());
    }

    /** One line for a person: what, where, what to do; nothing of Java or GDAL's insides. */
    private static void assertOneLine(String err) {
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains(" free on the file system of ") && err.contains("free some space there"), err);
        for (String jargon : new String[] {"Exception", "\tat ", "dirty block", "GDAL error"}) {
            assertFalse(err.contains(jargon), err);
        }
    }

    /**
     * Waits, without sleeping, until an entry whose name matches is created in {@code folder}. The
     * creation event is what counts: a temporary file may already be renamed when we look.
     */
    private static void awaitCreated(Path folder, Predicate<String> name, Process child) throws IOException, InterruptedException {
        try (var watcher = FileSystems.getDefault().newWatchService()) {
            folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            if (names(folder).stream().anyMatch(name)) {
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                boolean alive = child.isAlive(); // read before draining, so the events of a child that just ended count
                var key = watcher.poll(1, TimeUnit.SECONDS); // wakes on the event; the timeout only re-checks the child
                if (key != null) {
                    for (var event : key.pollEvents()) {
                        if (event.context() instanceof Path created && name.test(created.toString())) {
                            return;
                        }
                    }
                    key.reset();
                }
                assertTrue(alive, "the child ended before the awaited file appeared in " + folder);
            }
            throw new AssertionError("nothing matching appeared in " + folder + " within 120 s");
        }
    }

    private static java.util.List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Every file under {@code folder} by relative path, with its bytes. */
    private static Map<String, byte[]> contents(Path folder) throws IOException {
        var contents = new TreeMap<String, byte[]>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(folder.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return contents;
    }

    private static void assertSameContents(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        // work files finished by the failed run may stay for reuse; every earlier file is unchanged and nothing is partial
        for (var entry : expected.entrySet()) {
            assertTrue(java.util.Arrays.equals(entry.getValue(), actual.get(entry.getKey())), entry.getKey() + " changed");
        }
        assertEquals(java.util.List.of(), actual.keySet().stream().filter(k -> Leftovers.isTemporary(Path.of(k))).toList());
    }

    private static int checksum(Path file) {
        return GdalTools.gdalinfo(file.toString(), "-checksum").path("bands").get(0).path("checksum").asInt();
    }
}
