package io.tilework.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.server.HttpCalls;
import io.tilework.server.Server;
import io.tilework.server.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs API over real HTTP: kinds, start, progress, outputs, cancel, resume, restart, and every bad request. */
class JobsApiTest {

    @TempDir
    Path root;

    private Server server;
    private HttpCalls http;

    @BeforeEach
    void start() {
        server = Server.start(ServerSettings.embedded(root, 0));
        http = new HttpCalls(server.uri());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("kinds come from the Job registry with a schema: types, descriptions, path kinds, required")
    void kinds() {
        var answer = http.get("/api/jobs/kinds");
        assertEquals(200, answer.status());
        Map<String, Object> chunks = answer.list().stream().filter(k -> k.get("name").equals("test.chunks")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        var schema = (Map<String, Object>) chunks.get("parameters");
        @SuppressWarnings("unchecked")
        var properties = (Map<String, Map<String, Object>>) schema.get("properties");
        assertEquals("integer", properties.get("chunks").get("type"));
        assertEquals("output-path", properties.get("out").get("x-kind"));
        assertEquals("array", properties.get("inputs").get("type"));
        assertEquals("input-path", properties.get("inputs").get("x-kind"));
        assertEquals("how many chunks", properties.get("chunks").get("description"));
        assertEquals(List.of("chunks", "out"), schema.get("required"));
        assertTrue(answer.list().stream().anyMatch(k -> k.get("name").equals("process.sleep")), answer.body());
    }

    @Test
    @DisplayName("a job runs to the end: progress 100 %, chunks counted, outputs listed and served, a run report")
    void runsToTheEnd() throws Exception {
        var started = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 20, "out", "sums")));
        assertEquals(201, started.status(), started.body());
        String id = (String) started.json().get("id");
        assertEquals("/api/jobs/" + id, started.response().headers().firstValue("Location").orElseThrow());
        Map<String, Object> job = awaitJob(id, j -> j.get("state").equals("succeeded"));
        @SuppressWarnings("unchecked")
        var progress = (Map<String, Object>) job.get("progress");
        assertEquals(1.0, ((Number) progress.get("fraction")).doubleValue());
        assertEquals(20, ((Number) progress.get("done")).intValue());
        @SuppressWarnings("unchecked")
        var chunks = (Map<String, Object>) job.get("chunks");
        assertEquals(40, ((Number) chunks.get("done")).intValue(), "20 sources and 20 squares: " + chunks);
        @SuppressWarnings("unchecked")
        var summary = (Map<String, Object>) job.get("summary");
        long expected = 0;
        for (long i = 0; i < 20; i++) {
            expected += i * i;
        }
        assertEquals(expected, ((Number) summary.get("sum")).longValue());
        assertEquals("sums", summary.get("out"), "paths in summaries are relative to the data root");
        assertEquals(expected + "\n", Files.readString(root.resolve("sums/sum.txt")));
        @SuppressWarnings("unchecked")
        var outputs = (List<Map<String, Object>>) job.get("outputs");
        assertEquals(List.of("index.html", "sum.txt"), outputs.stream().map(o -> o.get("name")).toList());
        var file = http.get((String) outputs.get(1).get("url"));
        assertEquals(200, file.status());
        assertEquals(expected + "\n", file.body());
        assertTrue(file.response().headers().firstValue("Content-Disposition").orElse("").contains("sum.txt"));
        var page = http.get((String) outputs.get(0).get("url"));
        assertTrue(page.response().headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals(404, http.get("/api/jobs/" + id + "/outputs/secret.txt").status());
        assertEquals(expected + "\n", http.get("/api/files?path=sums/sum.txt").body());
        assertEquals(400, http.get("/api/files?path=../etc/passwd").status());
        assertEquals(404, http.get("/api/files?path=sums/none.txt").status());
        var report = http.get("/api/jobs/" + id + "/report");
        assertEquals(200, report.status());
        assertTrue(report.body().contains("<html"), report.body());
        // pages of the data root and reports run sandboxed: their scripts cannot use the console's session
        for (var served : List.of(page, file, report, http.get("/api/files?path=sums/index.html"))) {
            assertTrue(served.response().headers().firstValue("Content-Security-Policy").orElse("").startsWith("sandbox"),
                    served.response().headers().map().toString());
        }
    }

    @Test
    @DisplayName("a failing chunk fails the job with its message; the failure is listed; resume runs it again")
    void failure() {
        var started = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 5, "failAt", 3, "out", "f")));
        String id = (String) started.json().get("id");
        Map<String, Object> job = awaitJob(id, j -> j.get("state").equals("failed"));
        assertTrue(String.valueOf(job.get("error")).contains("chunk 3 was told to fail"), job.toString());
        var resumed = http.post("/api/jobs/" + id + "/resume", "");
        assertEquals(200, resumed.status(), resumed.body());
        assertEquals(2, ((Number) resumed.json().get("attempt")).intValue());
        awaitJob(id, j -> j.get("state").equals("failed") && ((Number) j.get("attempt")).intValue() == 2);
        assertEquals(409, http.post("/api/jobs/" + id + "/cancel", "").status(), "an ended job cannot be cancelled");
    }

    @Test
    @DisplayName("cancel interrupts running chunks; resume runs the job again to the end")
    void cancelAndResume() {
        var started = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 400, "millis", 50, "out", "slow")));
        String id = (String) started.json().get("id");
        awaitJob(id, j -> ((Number) ((Map<?, ?>) j.get("progress")).get("done")).intValue() >= 2);
        var cancelled = http.post("/api/jobs/" + id + "/cancel", "");
        assertEquals(200, cancelled.status(), cancelled.body());
        Map<String, Object> job = awaitJob(id, j -> j.get("state").equals("cancelled"));
        assertEquals("cancelled", job.get("error"));
        assertFalse(Files.exists(root.resolve("slow/sum.txt")));
        assertEquals(409, http.post("/api/jobs/" + id + "/cancel", "").status());
        var resumed = http.post("/api/jobs/" + id + "/resume", "");
        assertEquals(200, resumed.status(), resumed.body());
        http.post("/api/jobs/" + id + "/cancel", "");
        awaitJob(id, j -> j.get("state").equals("cancelled") && ((Number) j.get("attempt")).intValue() == 2);
    }

    @Test
    @DisplayName("a job running when the server stops is a record after the restart, interrupted, and resumes to the end")
    void survivesRestart() {
        var started = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 400, "millis", 50, "out", "long")));
        String id = (String) started.json().get("id");
        awaitJob(id, j -> j.get("state").equals("running"));
        server.close();
        server = Server.start(ServerSettings.embedded(root, 0));
        http = new HttpCalls(server.uri());
        var job = http.get("/api/jobs/" + id).json();
        assertEquals("interrupted", job.get("state"));
        var kept = http.get("/api/jobs/" + id + "/report");
        assertEquals(200, kept.status(), "the report of the interrupted run was kept as a file");
        assertTrue(kept.body().contains("interrupted"), "its outcome is in it");
        assertEquals(Map.of("chunks", 400, "millis", 50, "out", "long"), job.get("parameters"));
        var next = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 1, "out", "x")));
        assertFalse(next.json().get("id").equals(id), "ids are not reused after a restart");
        assertEquals(200, http.post("/api/jobs/" + id + "/resume", "").status());
        awaitJob(id, j -> j.get("state").equals("running"));
        http.post("/api/jobs/" + id + "/cancel", "");
    }

    @Test
    @DisplayName("bad requests: unknown kind or job, wrong parameter, missing one, not JSON, paths out of the root, too large")
    void badRequests() throws Exception {
        var unknown = http.post("/api/jobs", Map.of("kind", "no.such", "parameters", Map.of()));
        assertEquals(404, unknown.status());
        assertTrue(unknown.error().contains("no job kind 'no.such'") && unknown.error().contains("test.chunks"), unknown.error());
        var wrong = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", "many", "out", "o")));
        assertEquals(400, wrong.status());
        assertTrue(wrong.error().contains("'chunks'") && wrong.error().contains("a number"), wrong.error());
        var extra = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 1, "out", "o", "colour", "red")));
        assertEquals(400, extra.status());
        assertTrue(extra.error().contains("unknown parameter 'colour'"), extra.error());
        var missing = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("out", "o")));
        assertEquals(400, missing.status());
        assertTrue(missing.error().contains("'chunks' is required"), missing.error());
        var notJson = http.post("/api/jobs", "{kind: ");
        assertEquals(400, notJson.status());
        assertTrue(notJson.error().contains("not valid JSON"), notJson.error());
        assertEquals(404, http.get("/api/jobs/job-999").status());
        assertTrue(http.get("/api/jobs/job-999").error().contains("no job 'job-999'"));
        var up = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 1, "out", "../outside")));
        assertEquals(400, up.status());
        assertTrue(up.error().contains("leaves the data root"), up.error());
        var absolute = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 1, "out", "/tmp/x")));
        assertEquals(400, absolute.status());
        Path outside = Files.createTempDirectory("tilework-outside");
        Files.writeString(outside.resolve("secret.csv"), "secret");
        Files.createSymbolicLink(root.resolve("link"), outside);
        var throughLink = http.post("/api/jobs", Map.of("kind", "test.chunks",
                "parameters", Map.of("chunks", 1, "out", "o", "inputs", List.of("link/secret.csv"))));
        assertEquals(400, throughLink.status());
        assertTrue(throughLink.error().contains("symbolic link"), throughLink.error());
        var globThroughLink = http.post("/api/jobs", Map.of("kind", "test.chunks",
                "parameters", Map.of("chunks", 1, "out", "o", "inputs", List.of("link/*.csv"))));
        assertEquals(400, globThroughLink.status(), globThroughLink.body());
        Files.writeString(root.resolve("in.csv"), "mine");
        var inside = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 1, "out", "o", "inputs", List.of("*.csv"))));
        assertEquals(201, inside.status(), inside.body());
        Files.delete(root.resolve("link"));
        Files.delete(outside.resolve("secret.csv"));
        Files.delete(outside);
        var itself = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 1, "out", ".")));
        assertEquals(400, itself.status());
        assertTrue(itself.error().contains("may not write the data root itself"), itself.error());
        for (String state : List.of(".tilework", ".tilework/jobs/x", ".tilework/process.db", ".tilework/process.db-wal")) {
            var kept = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 1, "out", state)));
            assertEquals(400, kept.status(), state);
            assertTrue(kept.error().contains("the server's own state"), kept.error());
        }
        var withNull = new java.util.HashMap<String, Object>(Map.of("chunks", 1, "out", "n"));
        withNull.put("failAt", null);
        assertEquals(201, http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", withNull)).status(), "null is 'not given'");
        var huge = http.post("/api/jobs", "application/json", new byte[(int) ServerSettings.DEFAULT_MAX_BODY_BYTES + 10]);
        assertEquals(413, huge.status());
        assertTrue(huge.error().contains("over the server's limit"), huge.body());
        assertEquals(400, http.get("/api/jobs?limit=0").status());
        assertEquals(400, http.get("/api/jobs?limit=many").status());
        var newest = http.get("/api/jobs?limit=1").list();
        assertEquals(1, newest.size());
        assertEquals(http.get("/api/jobs").list().get(0).get("id"), newest.get(0).get("id"), "the newest first");
        assertTrue(http.get("/api/jobs?state=succeeded").list().stream().allMatch(j -> j.get("state").equals("succeeded")));
        var noRoute = http.get("/api/nothing");
        assertEquals(404, noRoute.status());
        assertTrue(noRoute.error().contains("no such route"), noRoute.body());
        assertFalse(noRoute.body().contains("at io."), "no stack trace");
    }

    private Map<String, Object> awaitJob(String id, Predicate<Map<String, Object>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> job;
        do {
            job = http.get("/api/jobs/" + id).json();
            if (condition.test(job)) {
                return job;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job " + id + " never reached the condition; last: " + job);
    }
}
