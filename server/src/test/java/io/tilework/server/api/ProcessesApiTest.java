package io.tilework.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.server.HttpCalls;
import io.tilework.server.Server;
import io.tilework.server.ServerSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processes API over real HTTP with the shipped example models: deploy, start, show, inbox, complete, choose, cancel. */
class ProcessesApiTest {

    static final Path EXAMPLES = Path.of("../process/examples");

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
    @DisplayName("a review: deployed as YAML, started, its work item in alice's inbox, completed, history shown")
    void review() throws Exception {
        var deployed = http.post("/api/processes/models", "text/yaml", Files.readAllBytes(EXAMPLES.resolve("review.yaml")));
        assertEquals(201, deployed.status(), deployed.body());
        assertEquals(Map.of("kind", "model", "name", "review", "version", 1), deployed.json());
        assertTrue(http.get("/api/processes/models").list().stream().anyMatch(m -> m.get("name").equals("review")));
        var started = http.post("/api/processes/instances", Map.of("model", "review", "variables", Map.of("amount", 2500)));
        assertEquals(201, started.status(), started.body());
        String id = (String) started.json().get("instance");
        List<Map<String, Object>> inbox = await(() -> http.get("/api/processes/inbox/alice").list(), l -> !l.isEmpty());
        Map<String, Object> item = inbox.get(0);
        assertEquals(id, item.get("instance"));
        String workItem = (String) item.get("object");
        var completed = http.post("/api/processes/instances/" + id + "/events",
                Map.of("type", "complete", "workItem", workItem, "variables", Map.of("approved", true)));
        assertEquals(200, completed.status(), completed.body());
        assertEquals("applied", completed.json().get("status"));
        Map<String, Object> shown = await(() -> http.get("/api/processes/instances/" + id).json(), s -> s.get("state").equals("completed"));
        @SuppressWarnings("unchecked")
        var history = (List<Map<String, Object>>) shown.get("history");
        assertTrue(history.stream().anyMatch(h -> "complete".equals(h.get("event")) && workItem.equals(h.get("object"))), history.toString());
        assertTrue(http.get("/api/processes/instances").list().stream().anyMatch(i -> i.get("id").equals(id)));
        var again = http.post("/api/processes/instances/" + id + "/events", Map.of("type", "complete", "workItem", workItem));
        assertEquals(409, again.status(), again.body());
        assertTrue(again.error().startsWith("not applied") || again.error().startsWith("rejected"), again.error());
    }

    @Test
    @DisplayName("a Map: candidates listed with their attributes; a wrong choice is 409, a candidate is chosen")
    void map() throws Exception {
        String yaml = Files.readString(EXAMPLES.resolve("study.yaml"), StandardCharsets.UTF_8);
        assertEquals(201, http.post("/api/processes/models", Map.of("file", "study.yaml", "text", yaml)).status());
        String id = (String) http.post("/api/processes/instances", Map.of("model", "study")).json().get("instance");
        Map<String, Object> shown = http.get("/api/processes/instances/" + id).json();
        @SuppressWarnings("unchecked")
        var candidates = (List<Map<String, Object>>) shown.get("candidates");
        Map<String, Object> byJob = candidates.stream().filter(c -> c.get("id").equals("collectByJob")).findFirst()
                .orElseThrow(() -> new AssertionError(candidates.toString()));
        assertEquals("Start", byJob.get("source"));
        assertEquals("Collect", byJob.get("target"));
        assertEquals("collect the data", byJob.get("targetDescription"));
        assertEquals("extraction", byJob.get("strategy"));
        assertEquals("run the extraction job", byJob.get("strategyDescription"));
        assertEquals("the extraction job can be run again", byJob.get("recommended"));
        var wrong = http.post("/api/processes/instances/" + id + "/events", Map.of("type", "choose", "section", "finish"));
        assertEquals(409, wrong.status(), wrong.body());
        var right = http.post("/api/processes/instances/" + id + "/events", Map.of("type", "choose", "section", "collectByJob"));
        assertEquals(200, right.status(), right.body());
        assertEquals(200, http.post("/api/processes/instances/" + id + "/events", Map.of("type", "cancel")).status());
    }

    /** From Start by a job to Elicit; out of Elicit: a recommended template, a sketch with the advice, prose hidden by its ISG. */
    static final String GUIDED_MAP = """
            model: guided
            conformsTo: map
            variables: {validated: false}
            Participant:
              analyst: {}
            Intention:
              Start: {}
              Elicit: {description: say what the system is for}
              Write: {description: tell one use of it}
              Stop: {}
            Strategy:
              by interview: {}
              by template: {description: fill in the template}
              by sketch: {}
              by prose: {}
              by review: {}
            Section:
              interview: {source: Start, target: Elicit, strategy: by interview, guideline: job, job: process.sleep, parameters: {duration: 20ms}}
              template: {source: Elicit, target: Write, strategy: by template, guideline: job, job: process.sleep}
              sketch: {source: Elicit, target: Write, strategy: by sketch, guideline: human, participant: analyst}
              prose: {source: Elicit, target: Write, strategy: by prose, guideline: human, participant: analyst}
              done: {source: Write, target: Stop, strategy: by review, guideline: job, job: process.sleep}
            ISG:
              onlyValidated: {intention: Elicit, sections: [prose], condition: "validated", description: only once the goal was validated}
            SSG:
              howToWrite: {source: Elicit, target: Write, advice: prefer the template for a first scenario, recommend: template}
            """;

    @Test
    @DisplayName("a guided Map: current intention, candidates with recommended/advice, excluded with why, the path with who chose and when")
    @SuppressWarnings("unchecked")
    void guidedMap() {
        assertEquals(201, http.post("/api/processes/models", Map.of("file", "guided.yaml", "text", GUIDED_MAP)).status());
        String id = (String) http.post("/api/processes/instances", Map.of("model", "guided")).json().get("instance");
        Map<String, Object> atStart = http.get("/api/processes/instances/" + id).json();
        assertEquals("Start", ((Map<String, Object>) atStart.get("current")).get("id"), atStart.toString());
        assertEquals(List.of("Start"), ((List<Map<String, Object>>) atStart.get("path")).stream().map(s -> s.get("intention")).toList());
        var chosen = http.post("/api/processes/instances/" + id + "/events", Map.of("type", "choose", "section", "interview", "by", "alice"));
        assertEquals(200, chosen.status(), chosen.body());
        Map<String, Object> shown = await(() -> http.get("/api/processes/instances/" + id).json(),
                s -> "Elicit".equals(((Map<String, Object>) s.get("current")).get("id")));
        assertEquals(Map.of("id", "Elicit", "description", "say what the system is for"), shown.get("current"));
        var candidates = (List<Map<String, Object>>) shown.get("candidates");
        Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
        candidates.forEach(c -> byId.put((String) c.get("id"), c));
        assertEquals(java.util.Set.of("template", "sketch"), byId.keySet(), candidates.toString());
        assertEquals("prefer the template for a first scenario", byId.get("template").get("recommended"), candidates.toString());
        assertEquals("prefer the template for a first scenario", byId.get("sketch").get("advice"), candidates.toString());
        assertEquals(null, byId.get("sketch").get("recommended"), candidates.toString());
        var excluded = (List<Map<String, Object>>) shown.get("excluded");
        Map<String, Object> prose = excluded.stream().filter(x -> x.get("id").equals("prose")).findFirst()
                .orElseThrow(() -> new AssertionError(excluded.toString()));
        assertTrue(prose.get("why").toString().contains("onlyValidated"), prose.toString());
        assertEquals("Write", prose.get("target"));
        var path = (List<Map<String, Object>>) shown.get("path");
        assertEquals(2, path.size(), path.toString());
        Map<String, Object> step = path.get(1);
        assertEquals("Elicit", step.get("intention"));
        assertEquals("interview", step.get("section"));
        assertEquals("by interview", step.get("strategy"));
        assertEquals("alice", step.get("chosenBy"));
        long spent = ((Number) step.get("spentMillis")).longValue();
        assertEquals(java.time.Instant.parse((String) step.get("achievedAt")).toEpochMilli()
                - java.time.Instant.parse((String) step.get("chosenAt")).toEpochMilli(), spent);
        assertTrue(spent >= 20, "the interview's job sleeps 20 ms: " + step);
        assertEquals(List.of(), shown.get("children"));
        assertEquals(List.of(), shown.get("running"), "nothing runs once the interview's job is done");
        var sketched = http.post("/api/processes/instances/" + id + "/events", Map.of("type", "choose", "section", "sketch"));
        assertEquals(200, sketched.status(), sketched.body());
        var running = (List<Map<String, Object>>) http.get("/api/processes/instances/" + id).json().get("running");
        assertEquals(List.of("sketch"), running.stream().map(r -> r.get("id")).toList());
        var concurrent = http.post("/api/processes/instances/" + id + "/events", Map.of("type", "choose", "section", "template"));
        assertEquals(409, concurrent.status(), concurrent.body());
        assertTrue(concurrent.error().contains("sketch is running"), concurrent.error());
    }

    @Test
    @DisplayName("a process's job has its paths resolved against the data root, and one that leaves it fails the job")
    void processJobsConfined() {
        String model = """
                model: %s
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  work: {kind: job, job: test.chunks, parameters: {chunks: 2, out: "%s"}}
                  end: {kind: end}
                Transition:
                  toWork: {source: start, target: work}
                  done: {source: work, target: end}
                """;
        assertEquals(201, http.post("/api/processes/models", "text/yaml", model.formatted("inside", "made").getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(201, http.post("/api/processes/models", "text/yaml", model.formatted("escape", "../escaped").getBytes(StandardCharsets.UTF_8)).status());
        String inside = (String) http.post("/api/processes/instances", Map.of("model", "inside")).json().get("instance");
        await(() -> http.get("/api/processes/instances/" + inside).json(), s -> s.get("state").equals("completed"));
        assertTrue(Files.isRegularFile(root.resolve("made/sum.txt")), "written under the data root, not the working folder");
        String escape = (String) http.post("/api/processes/instances", Map.of("model", "escape")).json().get("instance");
        Map<String, Object> failed = await(() -> http.get("/api/processes/instances/" + escape).json(), s -> s.get("failure") != null);
        assertTrue(failed.get("failure").toString().contains("leaves the data root"), failed.toString());
        assertTrue(!Files.exists(root.resolveSibling("escaped")));
    }

    @Test
    @DisplayName("bad requests: invalid YAML, unknown model, unknown instance, unknown event type, missing fields")
    void badRequests() {
        var invalid = http.post("/api/processes/models", "text/yaml", "model: [unclosed".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, invalid.status(), invalid.body());
        var noBody = http.post("/api/processes/models", "text/yaml", new byte[0]);
        assertEquals(400, noBody.status());
        var unknownModel = http.post("/api/processes/instances", Map.of("model", "nothing"));
        assertEquals(409, unknownModel.status(), unknownModel.body());
        assertTrue(unknownModel.error().contains("nothing"), unknownModel.error());
        assertEquals(404, http.get("/api/processes/instances/none-1").status());
        var unknownType = http.post("/api/processes/instances/none-1/events", Map.of("type", "dance"));
        assertEquals(400, unknownType.status());
        assertTrue(unknownType.error().contains("complete, choose, signal or cancel"), unknownType.error());
        var missing = http.post("/api/processes/instances/none-1/events", Map.of("type", "complete"));
        assertEquals(400, missing.status());
        assertTrue(missing.error().contains("workItem"), missing.error());
        assertEquals(List.of(), http.get("/api/processes/inbox/nobody").list());
    }

    static <T> T await(Supplier<T> read, java.util.function.Predicate<T> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T value;
        do {
            value = read.get();
            if (condition.test(value)) {
                return value;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("never reached the condition; last: " + value);
    }
}
