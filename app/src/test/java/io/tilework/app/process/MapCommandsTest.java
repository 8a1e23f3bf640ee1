package io.tilework.app.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.app.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show}, {@code path} and {@code choose} on map instances, through picocli on a real
 * SQLite store: a small requirements map whose last section is refined by a review sub-map.
 */
@DisplayName("tilework process show/path/choose on a map and its sub-map")
class MapCommandsTest {

    /** Two ways from Start (a workshop with the analyst, an interview run as a job), three ways to write the scenario, two out of it. */
    static final String REQUIREMENTS = """
            model: requirements
            conformsTo: map
            variables: {validated: false, formal: false}
            Participant:
              analyst: {}
            Intention:
              Start: {}
              Elicit a goal: {description: say what the system is for}
              Write a scenario: {description: tell one use of it}
              Stop: {}
            Strategy:
              by workshop: {description: a workshop with the stakeholders}
              by interview: {description: ask one stakeholder}
              by template: {description: fill in the scenario template}
              by sketch: {description: draw it}
              by free prose: {description: write it freely}
              by review: {description: have it reviewed}
            Section:
              workshop: {source: Start, target: Elicit a goal, strategy: by workshop, guideline: human, participant: analyst}
              interview: {source: Start, target: Elicit a goal, strategy: by interview, guideline: job, job: process.sleep, parameters: {duration: 20ms}}
              template: {source: Elicit a goal, target: Write a scenario, strategy: by template, guideline: job, job: process.sleep, parameters: {duration: 30ms, result: {written: true}}}
              sketch: {source: Elicit a goal, target: Write a scenario, strategy: by sketch, guideline: human, participant: analyst}
              prose: {source: Elicit a goal, target: Write a scenario, strategy: by free prose, guideline: human, participant: analyst}
              review: {source: Write a scenario, target: Stop, strategy: by review, guideline: map review}
              rework: {source: Write a scenario, target: Elicit a goal, strategy: by review, guideline: human, participant: analyst}
            ISG:
              onlyValidated:
                intention: Elicit a goal
                sections: [prose]
                condition: "validated"
                description: only once the goal was validated
            SSG:
              howToWrite:
                source: Elicit a goal
                target: Write a scenario
                advice: prefer the template for a first scenario
                recommend: template
                condition: "!formal"
            """;

    /** The refinement of {@code review}: read, then sign. */
    static final String REVIEW = """
            model: review
            conformsTo: map
            Intention:
              Start: {}
              Read: {description: the scenario was read}
              Stop: {}
            Strategy:
              by reading: {}
              by signing: {}
            Section:
              read: {source: Start, target: Read, strategy: by reading, guideline: job, job: process.sleep}
              sign: {source: Read, target: Stop, strategy: by signing, guideline: job, job: process.sleep, parameters: {duration: 10ms}}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SPENT = Pattern.compile("\\d+(\\.\\d)? (ms|s|min)");

    @TempDir
    Path temp;

    private CommandRun run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--store";
        all[args.length + 1] = temp.resolve("store.db").toString();
        return CommandRun.run(all);
    }

    private CommandRun ok(String... args) {
        CommandRun run = run(args);
        assertEquals(0, run.exit(), String.join(" ", args) + ": " + run.out() + run.err());
        return run;
    }

    private JsonNode json(String... args) throws Exception {
        return JSON.readTree(ok(args).out());
    }

    @BeforeEach
    void deploy() throws Exception {
        Path review = temp.resolve("review.yaml");
        Path requirements = temp.resolve("requirements.yaml");
        Files.writeString(review, REVIEW);
        Files.writeString(requirements, REQUIREMENTS);
        ok("process", "deploy", review.toString());
        ok("process", "deploy", requirements.toString());
    }

    /** The id of the instance's one open work item. */
    private String openWorkItem(String instance) throws Exception {
        for (JsonNode object : json("process", "show", instance, "--json").path("objects")) {
            if (object.path("type").asText().equals("WorkItem") && object.path("state").asText().equals("offered")) {
                return object.path("id").asText();
            }
        }
        throw new AssertionError("no open work item in " + instance);
    }

    @Test
    @DisplayName("show: current intention, candidates as source -> target by STRATEGY, the SSG's advice; --explain says why one is not offered")
    void show_candidatesAndExplain() throws Exception {
        String id = started();
        String start = ok("process", "show", id).out();
        assertAll(
                () -> assertTrue(start.contains("current intention: Start"), start),
                () -> assertTrue(start.contains("  workshop  Start -> Elicit a goal  by workshop"), start),
                () -> assertTrue(start.contains("  interview  Start -> Elicit a goal  by interview"), start),
                () -> assertTrue(start.contains("  0  Start  (at start"), start),
                () -> assertTrue(!start.contains("OBJECT "), "no object table for a map without --objects: " + start));
        assertTrue(ok("process", "show", id, "--objects").out().matches("(?s).*workshop\\s+Section\\s+candidate.*"));

        ok("process", "choose", id, "interview", "--by", "alice");
        String elicited = ok("process", "show", id).out();
        assertAll(
                () -> assertTrue(elicited.contains("current intention: Elicit a goal — say what the system is for"), elicited),
                () -> assertTrue(elicited.contains("  template  Elicit a goal -> Write a scenario  by template"
                        + "  [recommended: prefer the template for a first scenario]"), elicited),
                () -> assertTrue(elicited.contains("  sketch  Elicit a goal -> Write a scenario  by sketch"
                        + "  [advice: prefer the template for a first scenario]"), elicited),
                () -> assertTrue(!elicited.contains("  prose  "), "prose is hidden by its ISG: " + elicited),
                () -> assertTrue(elicited.contains("Elicit a goal  from Start by interview (interview), chosen by alice"), elicited),
                () -> assertTrue(!elicited.contains("excluded"), "no excluded sections without --explain: " + elicited));
        String explained = ok("process", "show", id, "--explain").out();
        String proseLine = explained.lines().filter(l -> l.startsWith("  prose  ")).findFirst()
                .orElseThrow(() -> new AssertionError("prose not explained: " + explained));
        assertAll(
                () -> assertTrue(explained.indexOf("excluded:") < explained.indexOf("  prose  "), explained),
                () -> assertTrue(proseLine.startsWith("  prose  Elicit a goal -> Write a scenario  by free prose: "), proseLine),
                () -> assertTrue(proseLine.contains("onlyValidated"), proseLine));
    }

    @Test
    @DisplayName("choose: by strategy name, --by recorded; a choice while a section runs is rejected naming it; ambiguous and unknown names list the options")
    void choose_byStrategy() throws Exception {
        String id = started();
        ok("process", "choose", id, "by workshop", "--by", "carol");
        String running = ok("process", "show", id).out();
        String item = openWorkItem(id);
        assertTrue(running.contains("running:\n  workshop  Start -> Elicit a goal  by workshop: work item " + item + " for analyst (offered)"),
                running);
        var concurrent = run("process", "choose", id, "interview");
        assertEquals(1, concurrent.exit(), concurrent.out() + concurrent.err());
        assertTrue(concurrent.err().contains("rejected") && concurrent.err().contains("workshop"), concurrent.err());
        String explained = ok("process", "show", id, "--explain").out();
        assertTrue(explained.lines().anyMatch(l -> l.startsWith("  interview  ") && l.contains("workshop")), explained);

        var unknown = run("process", "choose", id, "by magic");
        assertEquals(1, unknown.exit(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("no section nor strategy 'by magic'"), unknown.err());

        ok("process", "complete", id, item);
        ok("process", "choose", id, "by template"); // chosen by the user running the command
        var ambiguous = run("process", "choose", id, "by review");
        assertEquals(1, ambiguous.exit(), ambiguous.out() + ambiguous.err());
        assertTrue(ambiguous.err().contains("strategy 'by review' is the strategy of 2 candidate sections")
                && ambiguous.err().contains("review (Write a scenario -> Stop by review)")
                && ambiguous.err().contains("rework (Write a scenario -> Elicit a goal by review)"), ambiguous.err());

        List<JsonNode> steps = list(json("process", "path", id, "--json"));
        assertEquals(List.of("Start", "Elicit a goal", "Write a scenario"), steps.stream().map(s -> s.path("intention").asText()).toList());
        assertEquals("carol", steps.get(1).path("chosenBy").asText());
        assertEquals("workshop", steps.get(1).path("section").asText());
        assertEquals(System.getProperty("user.name"), steps.get(2).path("chosenBy").asText());
        assertEquals("by template", steps.get(2).path("strategy").asText());
    }

    @Test
    @DisplayName("a refinement: the parent shows its sub-map, the sub-map its parent; path nests the sub-map's route; choose after the end exits 1")
    void refinement_pathAndEnd() throws Exception {
        String id = started();
        ok("process", "choose", id, "interview", "--by", "alice");
        ok("process", "choose", id, "template", "--by", "bob");
        ok("process", "choose", id, "review", "--by", "dave");
        JsonNode parent = json("process", "show", id, "--json");
        JsonNode children = parent.path("children");
        assertEquals(1, children.size(), parent.toString());
        String child = children.get(0).path("id").asText();
        assertEquals("review", children.get(0).path("parentObject").asText());
        String shown = ok("process", "show", id).out();
        assertTrue(shown.contains("  review  Write a scenario -> Stop  by review: sub-map " + child + " (running)"), shown);
        String sub = ok("process", "show", child).out();
        assertTrue(sub.lines().findFirst().orElseThrow().contains("refinement of section review of " + id), sub);
        assertEquals(id, json("process", "show", child, "--json").path("parent").asText());

        ok("process", "choose", child, "read", "--by", "erin");
        ok("process", "choose", child, "by signing", "--by", "erin");
        assertTrue(ok("process", "show", id).out().startsWith(id + ": completed"), "the sub-map's Stop achieves the parent's Stop");

        String path = ok("process", "path", id).out();
        List<String> lines = path.lines().toList();
        assertAll(
                () -> assertEquals(id + ": Start -> Elicit a goal -> Write a scenario -> Stop (completed)", lines.get(0), path),
                () -> assertTrue(lines.get(1).startsWith("  0. Start  started at "), path),
                () -> assertTrue(lines.get(2).startsWith("  1. Elicit a goal  by interview (interview), chosen by alice at "), path),
                () -> assertTrue(lines.get(3).startsWith("  2. Write a scenario  by template (template), chosen by bob at "), path),
                () -> assertTrue(lines.get(4).startsWith("  3. Stop  by review (review), chosen by dave at "), path),
                () -> assertEquals("       refined by " + child + " (completed): Start -> Read -> Stop", lines.get(5), path),
                () -> assertTrue(lines.get(6).startsWith("       0. Start  started at "), path),
                () -> assertTrue(lines.get(7).startsWith("       1. Read  by reading (read), chosen by erin at "), path),
                () -> assertTrue(lines.get(8).startsWith("       2. Stop  by signing (sign), chosen by erin at "), path),
                () -> assertEquals(9, lines.size(), path));
        for (String line : List.of(lines.get(2), lines.get(3), lines.get(7))) {
            String spent = line.substring(line.lastIndexOf(", ") + 2);
            assertTrue(SPENT.matcher(spent).matches(), "time spent in words: " + line);
        }

        List<JsonNode> steps = list(json("process", "path", id, "--json"));
        assertEquals(4, steps.size(), steps.toString());
        JsonNode interview = steps.get(1);
        Instant chosen = Instant.parse(interview.path("chosenAt").asText());
        Instant achieved = Instant.parse(interview.path("achievedAt").asText());
        assertEquals(achieved.toEpochMilli() - chosen.toEpochMilli(), interview.path("spentMillis").asLong());
        assertTrue(interview.path("spentMillis").asLong() >= 20, "the interview's job sleeps 20 ms: " + interview);
        assertTrue(interview.path("refinement").isNull(), interview.toString());
        JsonNode refinement = steps.get(3).path("refinement");
        assertEquals(child, refinement.path("instance").asText());
        assertEquals(List.of("Start", "Read", "Stop"), list(refinement.path("steps")).stream().map(s -> s.path("intention").asText()).toList());

        var late = run("process", "choose", id, "template");
        assertEquals(1, late.exit(), late.out() + late.err());
        assertTrue(late.err().contains("not applied") && late.err().contains("completed"), late.err());
        var lateByStrategy = run("process", "choose", id, "by review");
        assertEquals(1, lateByStrategy.exit(), lateByStrategy.out() + lateByStrategy.err());
        assertTrue(lateByStrategy.err().contains("completed"), "an ended instance says so, not that the name is ambiguous: "
                + lateByStrategy.err());
    }

    @Test
    @DisplayName("path: exit 1 with a message for an unknown instance and for an instance that is not a map")
    void path_notAMap() throws Exception {
        var unknown = run("process", "path", "requirements-99");
        assertEquals(1, unknown.exit(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("no instance 'requirements-99'"), unknown.err());
        Path workflow = temp.resolve("wait.yaml");
        Files.writeString(workflow, """
                model: wait
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  hold: {kind: receive, message: go}
                  end: {kind: end}
                Transition:
                  toHold: {source: start, target: hold}
                  done: {source: hold, target: end}
                """);
        ok("process", "deploy", workflow.toString());
        String out = ok("process", "start", "wait").out();
        String instance = out.substring(0, out.indexOf(':'));
        var notMap = run("process", "path", instance);
        assertEquals(1, notMap.exit(), notMap.out() + notMap.err());
        assertTrue(notMap.err().contains(instance + " is not a map instance"), notMap.err());
    }

    private String started() {
        String out = ok("process", "start", "requirements").out();
        String id = out.substring(0, out.indexOf(':'));
        assertTrue(id.startsWith("requirements-"), out);
        return id;
    }

    private static List<JsonNode> list(JsonNode array) {
        var list = new ArrayList<JsonNode>();
        array.forEach(list::add);
        return list;
    }
}
