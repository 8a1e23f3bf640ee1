package io.tilework.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.ChildTilework;
import io.tilework.app.CommandRun;
import io.tilework.testkit.GdalTools;
import io.tilework.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Members that come and go while a job runs, each a real JVM: a worker killed, a worker drained, a
 * worker joining, the coordinator killed and run again. The job always completes with the embedded
 * run's result.
 */
@DisplayName("cluster: members lost, drained and joined mid-job")
class ClusterFailoverTest {

    @TempDir
    static Path dir;

    private static Path csv;
    private static Path embedded;

    @BeforeAll
    static void data() {
        csv = dir.resolve("sales.csv");
        assertEquals(0, CommandRun.run("sales", "generate", "--out", csv.toString(), "--rows", "1000000", "--bad-fraction", "0.01").exit());
        embedded = dir.resolve("embedded");
        CommandRun run = CommandRun.run("sales", "report", csv.toString(), "--out", embedded.toString(), "--split-mb", "1", "--quiet");
        assertEquals(0, run.exit(), run.err());
    }

    /** The sales report as a coordinator JVM of {@code cluster}, on the port of member {@code index}. */
    private static ChildTilework.Running report(LocalCluster cluster, int index, String name, Path out) throws Exception {
        var args = new ArrayList<>(List.of("sales", "report", csv.toString(), "--out", out.toString(), "--split-mb", "1"));
        args.addAll(cluster.coordinator(index));
        return ChildTilework.start(dir.resolve("logs"), name, args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "killed at {0} %")
    @ValueSource(ints = {30, 70})
    @DisplayName("kill -9 of a worker mid-job: the job completes, identical; the log names the lost member and the chunks run again")
    void workerKilled(int percent) throws Exception {
        Path out = dir.resolve("killed-" + percent);
        try (var cluster = new LocalCluster(dir.resolve("logs"), 3)) {
            cluster.worker("k" + percent + "a", 0);
            ChildTilework.Running doomed = cluster.worker("k" + percent + "b", 1);
            ChildTilework.Running coordinator = report(cluster, 2, "killed-" + percent, out);
            LocalCluster.awaitLog(coordinator, log -> LocalCluster.progressPercent(log) >= percent, 120);
            killHoldingAChunk(doomed);
            ChildTilework.Result result = coordinator.await();
            assertEquals(0, result.exit(), result.err());
            Outputs.assertSameFiles(embedded, out);
            Matcher rerun = Pattern.compile("k" + percent + "b left the cluster: running (\\d+) chunk\\(s\\) again: \\[sales\\.map").matcher(result.err());
            assertTrue(rerun.find(), "the coordinator names the lost member and its chunks:\n" + result.err());
        }
    }

    /**
     * SIGKILL while the worker holds a chunk (killed between two it would lose none): frozen (SIGSTOP), its
     * log is read; it is killed if the log shows a chunk taken and not finished, and let go on otherwise.
     */
    private static void killHoldingAChunk(ChildTilework.Running worker) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            signal(worker, "STOP");
            if (holdsAChunk(Files.readString(worker.err()))) {
                worker.process().destroyForcibly(); // SIGKILL: no goodbye, its leases just stop
                worker.process().waitFor(30, TimeUnit.SECONDS);
                return;
            }
            signal(worker, "CONT");
            Thread.sleep(3);
        }
        throw new AssertionError("the worker never held a chunk:\n" + Files.readString(worker.err()));
    }

    private static void signal(ChildTilework.Running child, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(child.process().pid())).start().waitFor());
    }

    /** Whether a one-thread worker's log shows a chunk taken and not finished. */
    private static boolean holdsAChunk(String log) {
        List<String> lines = log.lines().filter(l -> l.contains("took chunk ") || l.contains("finished chunk ")).toList();
        return !lines.isEmpty() && lines.getLast().contains("took chunk ");
    }

    @Test
    @DisplayName("SIGTERM of a worker mid-job: it drains and leaves, no chunk runs again, the job completes identical")
    void workerDrained() throws Exception {
        Path out = dir.resolve("drained");
        try (var cluster = new LocalCluster(dir.resolve("logs"), 3)) {
            cluster.worker("d1", 0);
            ChildTilework.Running drained = cluster.worker("d2", 1);
            ChildTilework.Running coordinator = report(cluster, 2, "drained", out);
            LocalCluster.awaitLog(coordinator, log -> LocalCluster.progressPercent(log) >= 30, 120);
            drained.process().destroy(); // SIGTERM
            assertTrue(drained.process().waitFor(60, TimeUnit.SECONDS), "the drained worker left");
            assertEquals(0, drained.process().exitValue());
            String workerLog = Files.readString(drained.err());
            assertTrue(workerLog.contains("worker d2 draining") && workerLog.contains("worker d2 left cluster"), workerLog);
            assertFalse(workerLog.contains("handed back"), workerLog);
            ChildTilework.Result result = coordinator.await();
            assertEquals(0, result.exit(), result.err());
            assertFalse(result.err().contains("again:"), "no chunk runs again:\n" + result.err());
            Outputs.assertSameFiles(embedded, out);
        }
    }

    @Test
    @DisplayName("chunks of a kind no live worker takes wait, and cluster status says so; a worker that joins mid-job takes them")
    void workerJoins() throws Exception {
        Path out = dir.resolve("joined");
        try (var cluster = new LocalCluster(dir.resolve("logs"), 3)) {
            cluster.worker("j1", 0, "--roles", "charts.produce"); // a chart worker: the sales splits are not for it
            ChildTilework.Running coordinator = report(cluster, 2, "joined", out);
            LocalCluster.awaitLog(coordinator, log -> log.contains("chunks of kind sales.map wait: no live worker"), 120);
            CommandRun status = CommandRun.run("cluster", "status", "--cluster", cluster.name, "--join", cluster.join());
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("chunks of kind sales.map wait: no live worker takes this kind"), status.out());
            assertTrue(status.out().contains("kinds: charts.produce"), status.out());
            ChildTilework.Running late = cluster.worker("j2", 1);
            ChildTilework.Result result = coordinator.await();
            assertEquals(0, result.exit(), result.err());
            Outputs.assertSameFiles(embedded, out);
            assertTrue(Files.readString(late.err()).contains("took chunk sales.map"), "the late worker took the splits");
            assertTrue(result.err().contains("(chunks: j2 "), "the coordinator's progress names it:\n" + result.err());
            assertFalse(Files.readString(cluster.worker("j1").err()).contains("took chunk"), "j1 takes only chart chunks");
        }
    }

    @Test
    @DisplayName("a coordinator started before any worker waits for one (it says so), then the job runs on it, identical")
    void coordinatorFirst() throws Exception {
        Path out = dir.resolve("first");
        try (var cluster = new LocalCluster(dir.resolve("logs"), 2)) {
            ChildTilework.Running coordinator = report(cluster, 1, "first", out);
            LocalCluster.awaitLog(coordinator, log -> log.contains("waiting for a worker of cluster '" + cluster.name + "'"), 120);
            cluster.worker("f1", 0); // alone each formed a cluster: Hazelcast merges the coordinator's into the worker's
            ChildTilework.Result result = coordinator.await();
            assertEquals(0, result.exit(), result.err());
            Outputs.assertSameFiles(embedded, out);
            assertTrue(result.err().contains("(chunks: f1 "), result.err());
        }
    }

    @Test
    @DisplayName("the coordinator killed and run again: finished tiles come from the shared store, the output is identical")
    void coordinatorKilled() throws Exception {
        Path dem = dir.resolve("dem.tif");
        GdalTools.run("gdal_translate", "-q", "-outsize", "400%", "400%", TestData.raster("SRTM_f03_n053e008.tif").toString(), dem.toString());
        Path cache = dir.resolve("cache");
        CommandRun local = CommandRun.run("raster", "slope", dem.toString(), dir.resolve("slope-embedded.tif").toString(), "--tile", "256",
                "--quiet");
        assertEquals(0, local.exit(), local.err());
        try (var cluster = new LocalCluster(dir.resolve("logs"), 4)) {
            cluster.worker("c1", 0);
            cluster.worker("c2", 1);
            var args = new ArrayList<>(List.of("raster", "slope", dem.toString(), dir.resolve("slope.tif").toString(), "--tile", "256",
                    "--cache", cache.toString()));
            args.addAll(cluster.coordinator(2));
            ChildTilework.Running first = ChildTilework.start(dir.resolve("logs"), "slope-first", args.toArray(String[]::new));
            LocalCluster.awaitLog(first, log -> LocalCluster.progressPercent(log) >= 30, 120);
            first.process().destroyForcibly();
            first.process().waitFor(30, TimeUnit.SECONDS);
            args.set(args.size() - 1, Integer.toString(cluster.port(3))); // a new coordinator, as a user would start one
            ChildTilework.Result again = ChildTilework.run(dir.resolve("logs"), "slope-again", args.toArray(String[]::new));
            assertEquals(0, again.exit(), again.err());
            Matcher reused = Pattern.compile("(\\d+) tiles read, (\\d+) computed").matcher(again.out());
            assertTrue(reused.find(), again.out());
            assertTrue(Long.parseLong(reused.group(1)) > 0, "tiles finished before the kill are read back: " + again.out());
            Outputs.assertSameBytes(dir.resolve("slope-embedded.tif"), dir.resolve("slope.tif"));
        }
    }
}
