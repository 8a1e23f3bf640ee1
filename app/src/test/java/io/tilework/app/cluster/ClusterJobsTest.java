package io.tilework.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.ChildTilework;
import io.tilework.app.CommandRun;
import io.tilework.cluster.ClusterMember;
import io.tilework.cluster.ClusterSettings;
import io.tilework.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on 1 coordinator + 2 workers, each a real JVM on 127.0.0.1: the same results as the embedded
 * run, a failing chunk fails the job as embedded while the workers stay up, another version is refused.
 */
@DisplayName("cluster: jobs on a coordinator and two workers")
class ClusterJobsTest {

    @TempDir
    static Path dir;

    private static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new LocalCluster(dir.resolve("logs"), 3);
        cluster.worker("w1", 0);
        cluster.worker("w2", 1);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** {@code tilework ARGS... --cluster ...} as a coordinator JVM; it must succeed. */
    private static ChildTilework.Result coordinate(String name, String... args) throws IOException, InterruptedException {
        var all = new ArrayList<>(List.of(args));
        all.addAll(cluster.coordinator(2));
        return ChildTilework.run(dir.resolve("logs"), name, all.toArray(String[]::new));
    }

    @Test
    @DisplayName("a sales report: every file byte-identical to the embedded run's, splits run on both workers")
    void salesReport() throws Exception {
        Path csv = dir.resolve("sales.csv");
        assertEquals(0, CommandRun.run("sales", "generate", "--out", csv.toString(), "--rows", "300000", "--bad-fraction", "0.02").exit());
        CommandRun embedded = CommandRun.run("sales", "report", csv.toString(), "--out", dir.resolve("sales-embedded").toString(),
                "--split-mb", "1", "--quiet");
        assertEquals(0, embedded.exit(), embedded.err());
        ChildTilework.Result clustered = coordinate("sales", "sales", "report", csv.toString(), "--out", dir.resolve("sales-cluster").toString(),
                "--split-mb", "1");
        assertEquals(0, clustered.exit(), clustered.err());
        Outputs.assertSameFiles(dir.resolve("sales-embedded"), dir.resolve("sales-cluster"));
        assertTrue(clustered.err().contains("w1 ") && clustered.err().contains("w2 "),
                "the progress names the members that ran the splits:\n" + clustered.err());
    }

    @Test
    @DisplayName("a chart production: the same tiles and summary as the embedded run, its stages run on the workers")
    void chartProduction() throws Exception {
        Path enc = dir.resolve("enc");
        Files.createDirectories(enc);
        for (String cell : List.of("US5MA12M", "US5WA22M")) {
            Outputs.copyTree(TestData.s57(cell), enc.resolve(cell));
        }
        CommandRun embedded = CommandRun.run("charts", "produce", enc.toString(), "--out", dir.resolve("charts-embedded").toString(), "--quiet");
        assertEquals(0, embedded.exit(), embedded.err());
        ChildTilework.Result clustered = coordinate("charts", "charts", "produce", enc.toString(), "--out",
                dir.resolve("charts-cluster").toString(), "--quiet");
        assertEquals(0, clustered.exit(), clustered.err());
        Outputs.assertSameProduct(dir.resolve("charts-embedded"), dir.resolve("charts-cluster"));
        assertEquals(embedded.out().lines().limit(2).toList(), clustered.out().lines().limit(2).toList(), "cells, objects, tiles");
        String workers = Files.readString(dir.resolve("logs/w1.err")) + Files.readString(dir.resolve("logs/w2.err"));
        for (String stage : List.of("charts.reproject", "charts.produce", "charts.bundle")) {
            assertTrue(workers.contains("took chunk " + stage), stage + " ran on a worker");
        }
    }

    @Test
    @DisplayName("a raster slope: the GeoTIFF byte-identical to the embedded run's")
    void rasterSlope() throws Exception {
        Path dem = TestData.raster("SRTM_f03_n053e008.tif");
        CommandRun embedded = CommandRun.run("raster", "slope", dem.toString(), dir.resolve("slope-embedded.tif").toString(), "--tile", "256",
                "--quiet");
        assertEquals(0, embedded.exit(), embedded.err());
        ChildTilework.Result clustered = coordinate("slope", "raster", "slope", dem.toString(), dir.resolve("slope-cluster.tif").toString(),
                "--tile", "256", "--quiet");
        assertEquals(0, clustered.exit(), clustered.err());
        Outputs.assertSameBytes(dir.resolve("slope-embedded.tif"), dir.resolve("slope-cluster.tif"));
    }

    @Test
    @DisplayName("a chunk that always fails: the job fails as embedded, naming the file and line; the workers stay up")
    void failingChunk() throws Exception {
        Path csv = dir.resolve("bad.csv");
        assertEquals(0, CommandRun.run("sales", "generate", "--out", csv.toString(), "--rows", "50000", "--bad-fraction", "0.01").exit());
        CommandRun embedded = CommandRun.run("sales", "report", csv.toString(), "--strict", "--out", dir.resolve("bad-embedded").toString(),
                "--quiet");
        assertEquals(1, embedded.exit());
        ChildTilework.Result clustered = coordinate("bad", "sales", "report", csv.toString(), "--strict", "--out",
                dir.resolve("bad-cluster").toString(), "--quiet");
        assertEquals(1, clustered.exit(), clustered.err());
        String expected = embedded.err().lines().filter(l -> l.startsWith("tilework: ")).findFirst().orElseThrow();
        assertTrue(clustered.err().lines().anyMatch(expected::equals), "the same one line as embedded: " + expected + "\n" + clustered.err());
        assertTrue(clustered.err().contains("failed on member w"), "the coordinator's log names the member:\n" + clustered.err());
        assertTrue(cluster.worker("w1").process().isAlive() && cluster.worker("w2").process().isAlive(), "the workers stay up");
    }

    @Test
    @DisplayName("a worker of another Tilework version is refused, with both versions named")
    void anotherVersionIsRefused() throws Exception {
        var other = new LocalCluster(dir.resolve("logs"), 2);
        var old = ClusterMember.start(new ClusterSettings(other.name, List.of(other.join().split(",")), null, other.port(0), "old",
                "0.0.1-other"), "worker");
        try {
            ChildTilework.Result refused = ChildTilework.run(dir.resolve("logs"), "refused", "worker", "--cluster", other.name, "--join",
                    other.join(), "--port", Integer.toString(other.port(1)), "--name", "new");
            assertEquals(1, refused.exit(), refused.err());
            assertTrue(refused.err().contains("Tilework 0.0.1-other") && refused.err().contains("this is Tilework "), refused.err());
        } finally {
            old.shutdown();
        }
    }

    @Test
    @DisplayName("cluster status lists the workers with their version and counters")
    void status() throws Exception {
        CommandRun status = CommandRun.run("cluster", "status", "--cluster", cluster.name, "--join", cluster.join(), "--json");
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("\"name\" : \"w1\"") && status.out().contains("\"name\" : \"w2\""), status.out());
        CommandRun unknown = CommandRun.run("cluster", "status", "--cluster", "nobody-" + cluster.name, "--join", cluster.join());
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("no member of cluster"), unknown.err());
    }

    @Test
    @DisplayName("cluster ping sends empty chunks through the workers and prints their round trip")
    void ping() throws Exception {
        ChildTilework.Result ping = coordinate("ping", "cluster", "ping", "--count", "50");
        assertEquals(0, ping.exit(), ping.err());
        assertTrue(ping.out().matches("(?s)50 empty chunks one at a time: mean [0-9.]+ ms, p50 [0-9.]+ ms, p99 [0-9.]+ ms.*"), ping.out());
        assertTrue(ping.out().contains("answered by {w"), ping.out());
    }

    @Test
    @DisplayName("process run --cluster: a workflow's sales.report job runs its splits on the workers")
    void processRun() throws Exception {
        Path csv = dir.resolve("process.csv");
        assertEquals(0, CommandRun.run("sales", "generate", "--out", csv.toString(), "--rows", "400000").exit());
        Path embeddedOut = dir.resolve("process-embedded");
        assertEquals(0, CommandRun.run("sales", "report", csv.toString(), "--out", embeddedOut.toString(), "--quiet").exit());
        Path out = dir.resolve("process-cluster");
        Path model = dir.resolve("clustered.yaml");
        Files.writeString(model, """
                model: clustered
                conformsTo: workflow
                Participant:
                  bob: {}
                Activity:
                  start: {kind: start}
                  wait: {kind: human, participant: bob, timeout: 1s}
                  report: {kind: job, job: sales.report, parameters: {files: ["%s"], out: "%s"}}
                  end: {kind: end}
                Transition:
                  waiting: {source: start, target: wait}
                  late: {source: wait, target: report, outcome: timeout}
                  reported: {source: report, target: end}
                """.formatted(csv, out));
        String store = dir.resolve("process.db").toString();
        CommandRun deployed = CommandRun.run("process", "deploy", model.toString(), "--store", store);
        assertEquals(0, deployed.exit(), deployed.err());
        CommandRun started = CommandRun.run("process", "start", "clustered", "--store", store);
        assertEquals(0, started.exit(), started.err());
        long before = splitsTaken();
        ChildTilework.Result run = coordinate("process-run", "process", "run", "--until-idle", "--for", "120s", "--store", store);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("clustered-1"), run.out());
        Outputs.assertSameFiles(embeddedOut, out);
        assertTrue(splitsTaken() > before, "the job's splits ran on the workers");
    }

    @Test
    @DisplayName("tilework serve --cluster: a job started over HTTP runs its splits on the workers; /health lists the members")
    void served() throws Exception {
        Path root = dir.resolve("served");
        Files.createDirectories(root);
        assertEquals(0, CommandRun.run("sales", "generate", "--out", root.resolve("sales.csv").toString(), "--rows", "300000").exit());
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var join = cluster.coordinator(2);
        ChildTilework.Running serve = ChildTilework.start(dir.resolve("logs"), "serve", "serve", "--data-root", root.toString(),
                "--port", Integer.toString(port), join.get(0), join.get(1), join.get(2), join.get(3));
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            java.net.URI base = java.net.URI.create("http://127.0.0.1:" + port);
            long before = splitsTaken();
            String health = await(() -> get(http, base.resolve("/health")), h -> h != null && h.contains("\"w1\"") && h.contains("\"w2\""), serve);
            assertTrue(health.contains("\"ready\":true"), health);
            var started = http.send(java.net.http.HttpRequest.newBuilder(base.resolve("/api/jobs")).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"kind\":\"sales.report\",\"parameters\":{\"files\":[\"sales.csv\"],\"out\":\"report\"}}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(201, started.statusCode(), started.body());
            String job = await(() -> get(http, base.resolve("/api/jobs/job-1")), j -> j != null && j.contains("\"state\":\"succeeded\""), serve);
            assertTrue(Files.isRegularFile(root.resolve("report/report.json")), job);
            assertTrue(splitsTaken() > before, "the served job's splits ran on the workers");
        } finally {
            serve.process().destroy();
            serve.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static String get(java.net.http.HttpClient http, java.net.URI uri) {
        try {
            var answer = http.send(java.net.http.HttpRequest.newBuilder(uri).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? answer.body() : null;
        } catch (IOException e) {
            return null; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String await(java.util.function.Supplier<String> read, java.util.function.Predicate<String> condition,
                                ChildTilework.Running serve) throws IOException, InterruptedException {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        String last = null;
        while (System.nanoTime() < end) {
            last = read.get();
            if (condition.test(last)) {
                return last;
            }
            if (!serve.process().isAlive()) {
                throw new AssertionError("tilework serve ended: " + Files.readString(serve.err()));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never reached; last answer " + last + "; serve's log:\n" + Files.readString(serve.err()));
    }

    private static long splitsTaken() throws IOException {
        return (Files.readString(dir.resolve("logs/w1.err")) + Files.readString(dir.resolve("logs/w2.err"))).lines()
                .filter(l -> l.contains("took chunk sales.map")).count();
    }
}
