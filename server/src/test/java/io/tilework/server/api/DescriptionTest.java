package io.tilework.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.server.GeoTiffs;
import io.tilework.server.HttpCalls;
import io.tilework.server.Server;
import io.tilework.server.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /openapi.json} kept true: it describes exactly the routes Javalin registered, and every
 * JSON answer of every route, called for real, has what its documented schema requires; also
 * {@code /health}, {@code /metrics} and the dashboard against what ran.
 */
class DescriptionTest {

    @TempDir
    Path root;

    private Server server;
    private HttpCalls http;
    private Map<String, Object> description;

    @BeforeEach
    void start() {
        server = Server.start(ServerSettings.embedded(root, 0));
        http = new HttpCalls(server.uri());
        description = http.get("/openapi.json").json();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("the description lists exactly the routes the server registered (GET, POST), no more, no less")
    @SuppressWarnings("unchecked")
    void describesEveryRoute() {
        var described = new TreeSet<String>();
        ((Map<String, Map<String, Object>>) description.get("paths")).forEach((path, operations) ->
                operations.keySet().forEach(method -> described.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        var registered = new TreeSet<String>();
        server.api().registered().stream().filter(r -> r.startsWith("GET ") || r.startsWith("POST ")).forEach(registered::add);
        assertEquals(registered, described);
        assertEquals("3.1.0", description.get("openapi"));
    }

    @Test
    @DisplayName("every route answers as described: the documented status and the schema's required properties, for real calls")
    @SuppressWarnings("unchecked")
    void answersAsDescribed() throws Exception {
        String job = (String) http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 30, "out", "d"))).json().get("id");
        ProcessesApiTest.await(() -> http.get("/api/jobs/" + job).json(), j -> j.get("state").equals("succeeded"));
        http.post("/api/processes/models", "text/yaml", Files.readAllBytes(ProcessesApiTest.EXAMPLES.resolve("review.yaml")));
        String instance = (String) http.post("/api/processes/instances", Map.of("model", "review", "variables", Map.of("amount", 5000)))
                .json().get("instance");
        ProcessesApiTest.await(() -> http.get("/api/processes/inbox/alice").list(), l -> !l.isEmpty());
        String workItem = (String) http.get("/api/processes/inbox/alice").list().get(0).get("object");
        GeoTiffs.dem(root.resolve("dem.tif"), 40, 30);
        String raster = (String) http.post("/api/rasters", Map.of("path", "dem.tif")).json().get("id");
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) description.get("components")).get("schemas");
        Map<String, String> values = Map.of("id", job, "name", "sum.txt", "actor", "alice");
        Map<String, Object> bodies = Map.of(
                "POST /api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 1, "out", "e")),
                "POST /api/processes/models", Map.of("file", "review.yaml", "text", Files.readString(ProcessesApiTest.EXAMPLES.resolve("review.yaml"))),
                "POST /api/processes/instances", Map.of("model", "review", "variables", Map.of("amount", 10)),
                "POST /api/processes/instances/{id}/events", Map.of("type", "complete", "workItem", workItem, "variables", Map.of("approved", true)),
                "POST /login", Map.of("token", ""),
                "POST /api/rasters", Map.of("path", "dem.tif"),
                "POST /api/rasters/{id}/read", Map.of("windows", List.of(List.of(0, 0, 4, 4))));
        var checked = new ArrayList<String>();
        var skipped = Set.of("GET /api/events", "POST /api/jobs/{id}/resume", "POST /api/jobs/{id}/cancel");
        ((Map<String, Map<String, Map<String, Object>>>) description.get("paths")).forEach((path, operations) -> operations.forEach((method, op) -> {
            String route = method.toUpperCase(Locale.ROOT) + " " + path;
            if (skipped.contains(route)) {
                return; // the events stream, cancel and resume have their own tests (and would change the job)
            }
            String concrete = path;
            for (var value : values.entrySet()) {
                concrete = concrete.replace("{" + value.getKey() + "}", value.getValue());
            }
            if (path.startsWith("/api/processes/instances/{id}")) {
                concrete = path.replace("{id}", instance);
            }
            if (path.startsWith("/api/rasters/{id}")) {
                concrete = path.replace("{id}", raster);
            }
            if (route.equals("GET /api/files")) {
                concrete = concrete + "?path=d/sum.txt";
            }
            var answer = method.equals("get") ? http.get(concrete) : http.post(concrete, bodies.getOrDefault(route, ""));
            var responses = (Map<String, Map<String, Object>>) op.get("responses");
            String success = responses.keySet().stream().filter(s -> s.startsWith("2") || s.startsWith("3")).findFirst().orElseThrow();
            assertEquals(Integer.parseInt(success), answer.status(), route + " -> " + answer.body());
            var content = (Map<String, Map<String, Object>>) responses.get(success).get("content");
            if (content != null && content.containsKey("application/json")) {
                conforms(answer.body().startsWith("[") ? answer.list() : answer.json(), content.get("application/json").get("schema"),
                        schemas, route);
            }
            checked.add(route);
        }));
        assertTrue(checked.size() >= 21, checked.toString());
    }

    @Test
    @DisplayName("/health, /metrics and /api/dashboard show what ran: pools, chunks, flows between recipes, the task stream")
    @SuppressWarnings("unchecked")
    void statusAfterAJob() {
        String job = (String) http.post("/api/jobs", Map.of("kind", "test.chunks", "parameters", Map.of("chunks", 25, "out", "s"))).json().get("id");
        ProcessesApiTest.await(() -> http.get("/api/jobs/" + job).json(), j -> j.get("state").equals("succeeded"));
        var health = http.get("/health").json();
        assertEquals(true, health.get("ready"));
        assertEquals(true, ((Map<String, Object>) health.get("store")).get("reachable"));
        var dashboard = http.get("/api/dashboard").json();
        var flows = (Map<String, List<Map<String, Object>>>) dashboard.get("flows");
        var link = flows.get("links").stream().filter(l -> l.get("source").equals("test.source") && l.get("target").equals("test.square"))
                .findFirst().orElseThrow(() -> new AssertionError(flows.toString()));
        assertEquals(25, ((Number) link.get("chunks")).intValue());
        var tasks = (List<Map<String, Object>>) dashboard.get("tasks");
        assertEquals(50, tasks.stream().filter(t -> t.get("key").toString().contains(":c")).count(), "25 sources and 25 squares");
        assertEquals(1L, ((Number) ((Map<String, Object>) dashboard.get("jobs")).get("succeeded")).longValue());
        String metrics = http.get("/metrics").body();
        for (String name : List.of("tilework_pool_slots{pool=", "tilework_budget_bytes ", "tilework_cache_hits_total ",
                "tilework_chunks_total 50", "tilework_chunks_per_second ", "tilework_process_transitions_per_second ",
                "tilework_jobs{state=\"succeeded\"} 1", "tilework_http_request_duration_seconds_bucket{route=\"GET /api/jobs/{id}\",le=")) {
            assertTrue(metrics.contains(name), name + " in\n" + metrics);
        }
    }

    /** The value has every property its schema requires, recursively (objects, arrays, references). */
    @SuppressWarnings("unchecked")
    static void conforms(Object value, Object schemaNode, Map<String, Object> schemas, String where) {
        Map<String, Object> schema = (Map<String, Object>) schemaNode;
        if (schema.containsKey("$ref")) {
            String name = schema.get("$ref").toString().substring("#/components/schemas/".length());
            assertNotNull(schemas.get(name), where + ": no schema " + name);
            conforms(value, schemas.get(name), schemas, where + " (" + name + ")");
            return;
        }
        if ("array".equals(schema.get("type"))) {
            assertTrue(value instanceof List, where + ": expected an array, got " + value);
            if (schema.containsKey("items")) {
                for (Object item : (List<Object>) value) {
                    conforms(item, schema.get("items"), schemas, where + "[]");
                }
            }
            return;
        }
        if (schema.containsKey("required")) {
            assertTrue(value instanceof Map, where + ": expected an object, got " + value);
            var missing = new HashSet<>((List<String>) schema.get("required"));
            missing.removeAll(((Map<String, Object>) value).keySet());
            assertTrue(missing.isEmpty(), where + ": missing " + missing + " in " + value);
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            properties.forEach((name, property) -> {
                Object member = ((Map<String, Object>) value).get(name);
                if (member != null) {
                    conforms(member, property, schemas, where + "." + name);
                }
            });
        }
    }
}
