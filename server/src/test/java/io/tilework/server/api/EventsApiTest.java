package io.tilework.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.server.HttpCalls;
import io.tilework.server.Server;
import io.tilework.server.ServerSettings;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event stream over real HTTP: filtered by job, chunk and job events in order; a client that stops reading is dropped. */
class EventsApiTest {

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
        server.close();
    }

    @Test
    @DisplayName("a stream filtered by job gets that job's chunk and job events, up to its end, and none of another job")
    void filteredByJob() throws Exception {
        var other = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 50, "millis", 5, "out", "other")));
        String otherId = (String) other.json().get("id");
        // job ids are sequential: the next one started is job-(n+1)
        String id = "job-" + (Long.parseLong(otherId.substring(4)) + 1);
        HttpResponse<Stream<String>> stream = http.client().send(http.request("/api/events?job=" + id).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), stream.headers().map().toString());
        Iterator<String> lines = stream.body().iterator();
        assertEquals("event: ready", next(lines, "event: "));
        assertEquals(201, http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 10, "out", "mine"))).status());
        var names = new ArrayList<String>();
        String lastJob = null;
        while (lastJob == null || !lastJob.contains("\"state\":\"succeeded\"")) {
            String event = next(lines, "event: ").substring(7);
            String data = next(lines, "data: ").substring(6);
            names.add(event);
            assertTrue(data.contains("\"" + id + "\""), "only " + id + ": " + data);
            if (event.equals("job")) {
                lastJob = data;
            }
        }
        assertTrue(names.contains("chunk"), names.toString());
        assertTrue(names.indexOf("job") < names.indexOf("chunk"), "the job's start comes before its chunks: " + names);
        stream.body().close();
    }

    @Test
    @DisplayName("a client that stops reading is dropped; the job runs to its end all the same")
    void slowClientDropped() throws Exception {
        List<String> before = metric("tilework_event_subscribers_dropped_total");
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setReceiveBufferSize(4096);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush(); // and never read a byte
            var started = http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 20_000, "out", "many")));
            String id = (String) started.json().get("id");
            ProcessesApiTest.await(() -> http.get("/api/jobs/" + id).json(), j -> j.get("state").equals("succeeded"));
            assertEquals(List.of("tilework_event_subscribers_dropped_total 0"), before);
            assertEquals(List.of("tilework_event_subscribers_dropped_total 1"), metric("tilework_event_subscribers_dropped_total"));
        }
    }

    private List<String> metric(String name) {
        return http.get("/metrics").body().lines().filter(l -> l.startsWith(name + " ")).toList();
    }

    private static String next(Iterator<String> lines, String prefix) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the stream ended before a line starting with " + prefix);
    }
}
