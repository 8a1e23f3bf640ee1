package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.RuntimeObject;
import io.tilework.process.service.ProcessService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The map pack on the real engine over SQLite: candidates from the current intention only, one
 * section at a time, parallel sets, bundles, ISGs and SSGs, Stop only when nothing runs,
 * achievements linked to what achieved them, and refinement into sub-maps.
 */
@DisplayName("map pack: the current intention, guidelines, one section at a time, refinement")
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class MapScenariosTest {

    /**
     * Ten sections over Start, Elicit, Write and Stop: two ways to Elicit; three to Write (s3 and s4
     * may run together, s4 and s5 exclude each other, and an SSG recommends s4 while the work is
     * not formal); a back section s6 from Write to Elicit; s7 to Stop only once validated (an ISG);
     * s8 validates; s9 gives up from Elicit (parallel with s3 and s4, but Stop waits for them);
     * s10 reformulates the goal.
     */
    private static final String REQUIREMENTS = """
            model: requirements
            conformsTo: map
            variables: {validated: false, formal: false}
            Participant:
              ana: {}
            Intention:
              Start: {}
              Elicit: {description: elicit a goal}
              Write: {description: write a scenario}
              Stop: {}
            Strategy:
              byTemplate: {}
              byInterview: {}
              byProse: {}
              byCase: {}
              byDiscovery: {}
              byCompleteness: {}
              byValidation: {}
              byAbandon: {}
              byReformulation: {}
            Section:
              s1: {source: Start, target: Elicit, strategy: byTemplate, guideline: human, participant: ana}
              s2: {source: Start, target: Elicit, strategy: byInterview, guideline: job, job: process.sleep, parameters: {result: {interviewed: true}}}
              s3: {source: Elicit, target: Write, strategy: byProse, guideline: human, participant: ana}
              s4: {source: Elicit, target: Write, strategy: byTemplate, guideline: human, participant: ana}
              s5: {source: Elicit, target: Write, strategy: byCase, guideline: job, job: process.sleep, parameters: {result: {cases: 3}}}
              s6: {source: Write, target: Elicit, strategy: byDiscovery, guideline: human, participant: ana}
              s7: {source: Write, target: Stop, strategy: byCompleteness, guideline: job, job: process.sleep}
              s8: {source: Write, target: Write, strategy: byValidation, guideline: job, job: process.sleep, parameters: {result: {validated: true}}}
              s9: {source: Elicit, target: Stop, strategy: byAbandon, guideline: human, participant: ana}
              s10: {source: Elicit, target: Elicit, strategy: byReformulation, guideline: human, participant: ana}
            ISG:
              validatedOnly: {intention: Write, sections: [s7], condition: "validated", description: only once the scenario was validated}
            SSG:
              howToWrite: {source: Elicit, target: Write, advice: prefer the template for a first scenario, recommend: s4, condition: "!formal"}
            Bundle:
              oneWay: {sections: [s4, s5]}
            Parallel:
              together: {sections: [s3, s4, s9]}
            """;

    /** The store this run of the class is on. */
    @Parameter
    StoreKind kind;

    @TempDir
    Path temp;

    private ProcessFixture fixture;

    @BeforeEach
    void open() {
        fixture = new ProcessFixture(kind, temp);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private Set<String> inState(String instance, String state) {
        var found = new TreeSet<String>();
        for (RuntimeObject object : fixture.state(instance).objects()) {
            if (object.type().equals("Section") && object.state().equals(state)) {
                found.add(object.id());
            }
        }
        return found;
    }

    private Set<String> candidates(String instance) {
        return inState(instance, "candidate");
    }

    private Object attribute(String instance, String object, String name) {
        return fixture.state(instance).object(object).attributes().get(name);
    }

    private List<RuntimeObject> achievements(String instance) {
        return fixture.state(instance).objects().stream().filter(o -> o.type().equals("Achievement")).toList();
    }

    private List<Object> achieved(String instance) {
        return achievements(instance).stream().map(a -> a.attributes().get("intention")).toList();
    }

    /** The work item of {@code section} that is offered now. */
    private String openWorkItem(String instance, String section) {
        return fixture.state(instance).objects().stream()
                .filter(o -> o.type().equals("WorkItem") && o.state().equals("offered") && section.equals(o.attributes().get("section")))
                .map(RuntimeObject::id).findFirst().orElseThrow(() -> new AssertionError("no open work item of " + section));
    }

    private void chooseAndWait(String instance, String section) throws InterruptedException {
        Outcome chosen = fixture.service.choose(instance, section);
        assertEquals(Outcome.Status.APPLIED, chosen.status(), () -> section + ": " + chosen.message());
        fixture.quiet();
    }

    private void completeAndWait(String instance, String section, Map<String, Object> variables) throws InterruptedException {
        Outcome completed = fixture.service.complete(instance, openWorkItem(instance, section), variables);
        assertEquals(Outcome.Status.APPLIED, completed.status(), () -> section + ": " + completed.message());
        fixture.quiet();
    }

    @Test
    @DisplayName("candidates are the sections leaving the current intention only; a back section returns; an ISG hides s7 until validated; the path is linked")
    void currentIntentionBackSectionAndIsg() throws Exception {
        String instance = fixture.deployAndStart(REQUIREMENTS);
        fixture.quiet();
        assertEquals("Start", fixture.state(instance).root().attributes().get("current"));
        assertEquals(Set.of("s1", "s2"), candidates(instance), "only the sections leaving Start");
        assertEquals(Set.of("s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10"), inState(instance, "idle"));

        Outcome early = fixture.service.choose(instance, "s3");
        assertEquals(Outcome.Status.REJECTED, early.status());
        assertEquals("s3 is not a candidate: it leaves Elicit, the current intention is Start", early.message());

        chooseAndWait(instance, "s2");
        assertEquals("Elicit", fixture.state(instance).root().attributes().get("current"));
        assertEquals(Set.of("s3", "s4", "s5", "s9", "s10"), candidates(instance), "only the sections leaving Elicit, not those of Start");
        assertEquals(Set.of("s1", "s2", "s6", "s7", "s8"), inState(instance, "idle"));

        chooseAndWait(instance, "s5");
        assertEquals(Set.of("s6", "s8"), candidates(instance));
        assertEquals(Set.of("s7"), inState(instance, "excluded"));
        assertEquals("ISG validatedOnly: only once the scenario was validated (validated does not hold)", attribute(instance, "s7", "why"));
        Outcome hidden = fixture.service.choose(instance, "s7");
        assertEquals(Outcome.Status.REJECTED, hidden.status());
        assertEquals("s7 is not a candidate: ISG validatedOnly: only once the scenario was validated (validated does not hold)", hidden.message());

        chooseAndWait(instance, "s8"); // Write -> Write: validated
        assertEquals(true, fixture.state(instance).variables().get("validated"));
        assertEquals(Set.of("s6", "s7", "s8"), candidates(instance), "the ISG holds now");
        assertNull(attribute(instance, "s7", "why"));

        // The back section: Write -> Elicit, and the sections of Elicit are offered again.
        chooseAndWait(instance, "s6");
        completeAndWait(instance, "s6", Map.of("goal", "faster checkout"));
        assertEquals("Elicit", fixture.state(instance).root().attributes().get("current"));
        assertEquals(Set.of("s3", "s4", "s5", "s9", "s10"), candidates(instance));

        fixture.service.send(instance, "choose", "s9", Map.of("by", "ana"));
        fixture.quiet();
        completeAndWait(instance, "s9", Map.of());
        InstanceState done = fixture.state(instance);
        assertEquals("completed", done.state(), "Stop ends the map");
        assertEquals(Set.of(), candidates(instance), "no candidates after Stop");
        assertEquals(List.of("Start", "Elicit", "Write", "Write", "Elicit", "Stop"), achieved(instance));

        // Every achievement is linked to the section, its strategy, source, chooser, times, step and product.
        var all = achievements(instance);
        var start = all.getFirst().attributes();
        assertNull(start.get("section"));
        assertEquals(0L, ((Number) start.get("step")).longValue());
        assertNotNull(start.get("achievedAt"));
        var interview = all.get(1).attributes();
        assertEquals("s2", interview.get("section"));
        assertEquals("byInterview", interview.get("strategy"));
        assertEquals("Start", interview.get("from"));
        assertEquals("user", interview.get("chosenBy"));
        assertEquals(Map.of("interviewed", true), interview.get("product"));
        assertEquals(1L, ((Number) interview.get("step")).longValue());
        assertTrue(((Number) interview.get("achievedAt")).longValue() >= ((Number) interview.get("chosenAt")).longValue());
        var last = all.getLast().attributes();
        assertEquals("s9", last.get("section"));
        assertEquals("ana", last.get("chosenBy"));
        assertEquals(5L, ((Number) last.get("step")).longValue());
        assertEquals(5L, ((Number) done.root().attributes().get("step")).longValue());
        // The back section's work item started from Write's product (s8's result).
        RuntimeObject backItem = done.objects().stream().filter(o -> o.type().equals("WorkItem") && "s6".equals(o.attributes().get("section")))
                .findFirst().orElseThrow();
        assertEquals(Map.of("validated", true), backItem.attributes().get("product"));

        Outcome afterEnd = fixture.service.choose(instance, "s1");
        assertTrue(afterEnd.status() != Outcome.Status.APPLIED, "an ended map takes no choice: " + afterEnd.status());
    }

    @Test
    @DisplayName("one section at a time: a choice while one runs is rejected naming it")
    void oneAtATime() throws Exception {
        String instance = fixture.deployAndStart(REQUIREMENTS);
        fixture.quiet();
        chooseAndWait(instance, "s1");
        assertEquals(Set.of(), candidates(instance), "s1 runs: nothing else is offered");
        assertEquals("s1 is running (one section at a time)", attribute(instance, "s2", "why"));
        Outcome second = fixture.service.choose(instance, "s2");
        assertEquals(Outcome.Status.REJECTED, second.status());
        assertEquals("s2 is not a candidate: s1 is running (one section at a time)", second.message());
        assertEquals("s1 is running already", fixture.service.choose(instance, "s1").message());
        completeAndWait(instance, "s1", Map.of());
        assertEquals(Set.of("s3", "s4", "s5", "s9", "s10"), candidates(instance));
    }

    @Test
    @DisplayName("parallel sections run together, a bundle excludes its other section, Stop is refused while work is open; the SSG recommends s4")
    void parallelBundleStopAndSsg() throws Exception {
        String instance = fixture.deployAndStart(REQUIREMENTS);
        fixture.quiet();
        chooseAndWait(instance, "s1");
        completeAndWait(instance, "s1", Map.of());
        assertEquals("prefer the template for a first scenario", attribute(instance, "s4", "recommended"));
        assertEquals("prefer the template for a first scenario", attribute(instance, "s3", "advice"));
        assertEquals("prefer the template for a first scenario", attribute(instance, "s5", "advice"));
        assertNull(attribute(instance, "s4", "advice"));
        assertNull(attribute(instance, "s9", "advice"), "s9 goes elsewhere");

        chooseAndWait(instance, "s4");
        assertEquals(Set.of("s3"), candidates(instance), "s3 may run with s4");
        assertEquals("bundle oneWay: s4 was chosen in this step", attribute(instance, "s5", "why"));
        String s4Item = openWorkItem(instance, "s4");
        assertEquals("Stop is reached only when nothing runs: work item " + s4Item + " of s4 is open", attribute(instance, "s9", "why"));
        assertEquals("s4 is running (one section at a time)", attribute(instance, "s10", "why"));
        Outcome stop = fixture.service.choose(instance, "s9");
        assertEquals(Outcome.Status.REJECTED, stop.status());
        assertEquals("s9 is not a candidate: Stop is reached only when nothing runs: work item " + s4Item + " of s4 is open", stop.message());

        chooseAndWait(instance, "s3");
        assertEquals(Set.of("s3", "s4"), inState(instance, "running"));
        completeAndWait(instance, "s4", Map.of());
        assertEquals("Write", fixture.state(instance).root().attributes().get("current"));
        assertEquals(Set.of(), candidates(instance), "s3 still runs and shares no parallel set with the sections of Write");
        assertEquals("s3 is running (one section at a time)", attribute(instance, "s8", "why"));
        assertTrue(attribute(instance, "s7", "why").toString().startsWith("ISG validatedOnly"), "the ISG is said first");
        completeAndWait(instance, "s3", Map.of());
        assertEquals(Set.of("s6", "s8"), candidates(instance));
        assertEquals(List.of("Start", "Elicit", "Write", "Write"), achieved(instance));
    }

    @Test
    @DisplayName("an SSG whose condition does not hold recommends nothing: every candidate to its target gets the advice")
    void ssgCondition() throws Exception {
        String instance = fixture.deployAndStart(REQUIREMENTS, Map.of("formal", true));
        fixture.quiet();
        chooseAndWait(instance, "s2");
        assertNull(attribute(instance, "s4", "recommended"));
        assertEquals("prefer the template for a first scenario", attribute(instance, "s4", "advice"));
    }

    @Test
    @DisplayName("a failed job offers its section again with lastError; its bundle partner stays excluded for the step")
    void jobFailure() throws Exception {
        String name = "map-fail-" + System.nanoTime();
        String instance = fixture.deployAndStart(REQUIREMENTS.replace(
                "s5: {source: Elicit, target: Write, strategy: byCase, guideline: job, job: process.sleep, parameters: {result: {cases: 3}}}",
                "s5: {source: Elicit, target: Write, strategy: byCase, guideline: job, job: test.count, parameters: {name: " + name + ", failures: 1}}"));
        fixture.quiet();
        chooseAndWait(instance, "s2");
        chooseAndWait(instance, "s5");
        fixture.eventually(() -> "candidate".equals(fixture.stateOf(instance, "s5")), () -> "s5 is not offered again: " + fixture.events(instance));
        assertTrue(attribute(instance, "s5", "lastError").toString().contains("planned failure 1 of 1"), String.valueOf(attribute(instance, "s5", "lastError")));
        assertEquals("bundle oneWay: s5 was chosen in this step", attribute(instance, "s4", "why"));
        chooseAndWait(instance, "s5");
        fixture.eventually(() -> "Write".equals(fixture.state(instance).root().attributes().get("current")), () -> "Write not achieved");
        assertNull(attribute(instance, "s5", "lastError"), "its last run succeeded");
        assertEquals(2L, ((Number) attribute(instance, "s5", "attempt")).longValue());
    }

    /** A map of two levels: project refines Specify into the map spec, which refines Draft into the map draft. */
    private static final String PROJECT = """
            model: project
            conformsTo: map
            variables: {draft: none}
            Participant:
              ana: {}
            Intention:
              Start: {}
              Specified: {}
              Stop: {}
            Strategy:
              bySpecification: {}
              byDelivery: {}
            Section:
              specify: {source: Start, target: Specified, strategy: bySpecification, guideline: map spec}
              deliver: {source: Specified, target: Stop, strategy: byDelivery, guideline: human, participant: ana}
            """;
    private static final String SPEC = """
            model: spec
            conformsTo: map
            variables: {draft: none}
            Participant:
              bob: {}
            Intention:
              Start: {}
              Drafted: {}
              Stop: {}
            Strategy:
              byDraft: {}
              byReview: {}
            Section:
              draft: {source: Start, target: Drafted, strategy: byDraft, guideline: map draft}
              review: {source: Drafted, target: Stop, strategy: byReview, guideline: human, participant: bob}
            """;
    private static final String DRAFT = """
            model: draft
            conformsTo: map
            Intention:
              Start: {}
              Stop: {}
            Strategy:
              byJob: {}
            Section:
              write: {source: Start, target: Stop, strategy: byJob, guideline: job, job: process.sleep, parameters: {result: {draft: v1}}}
            """;

    private String deployTwoLevels() {
        var together = List.of(new ProcessService.Document("project.yaml", PROJECT), new ProcessService.Document("spec.yaml", SPEC),
                new ProcessService.Document("draft.yaml", DRAFT));
        for (var document : together) { // project first: it sees spec among the files, not yet deployed
            fixture.service.deploy(document.file(), document.text(), together);
        }
        Outcome started = fixture.service.start("project", Map.of());
        assertTrue(!started.rejected(), started.message());
        return started.instance();
    }

    /** The sub-map started by {@code section} of {@code parent}, once it exists. */
    private String child(String parent, String section) throws InterruptedException {
        String[] found = new String[1];
        fixture.eventually(() -> {
            for (var summary : fixture.service.list()) {
                InstanceState state = fixture.state(summary.id());
                if (parent.equals(state.parent()) && section.equals(state.parentObject())) {
                    found[0] = summary.id();
                    return true;
                }
            }
            return false;
        }, () -> "no sub-map of " + parent + "/" + section);
        return found[0];
    }

    @Test
    @DisplayName("two levels of refinement: the grandchild's Stop achieves the child's target, the child's Stop the parent's, with their variables")
    void twoLevelRefinement() throws Exception {
        String project = deployTwoLevels();
        fixture.quiet();
        chooseAndWait(project, "specify");
        String spec = child(project, "specify");
        fixture.quiet();
        assertEquals("spec", fixture.service.list().stream().filter(s -> s.id().equals(spec)).findFirst().orElseThrow().model());
        assertEquals(project, fixture.state(spec).root().attributes().get("parent"), "the child shows its parent");
        assertEquals(Set.of("draft"), candidates(spec));
        assertEquals("running", fixture.stateOf(project, "specify"));

        chooseAndWait(spec, "draft");
        String draft = child(spec, "draft");
        fixture.quiet();
        chooseAndWait(draft, "write");
        fixture.waitFor(draft, "completed");
        fixture.eventually(() -> "Drafted".equals(fixture.state(spec).root().attributes().get("current")), () -> "Drafted not achieved: "
                + fixture.events(spec));
        fixture.quiet();
        assertEquals("v1", fixture.state(spec).variables().get("draft"), "the grandchild's variables are the child's product");
        assertEquals(Set.of("review"), candidates(spec));

        chooseAndWait(spec, "review");
        completeAndWait(spec, "review", Map.of("reviewed", true));
        fixture.waitFor(spec, "completed");
        fixture.eventually(() -> "Specified".equals(fixture.state(project).root().attributes().get("current")), () -> "Specified not achieved: "
                + fixture.events(project));
        RuntimeObject achievement = achievements(project).getLast();
        assertEquals("specify", achievement.attributes().get("section"));
        @SuppressWarnings("unchecked")
        var product = (Map<String, Object>) achievement.attributes().get("product");
        assertEquals("v1", product.get("draft"));
        assertEquals(true, product.get("reviewed"));
        assertEquals(Set.of("deliver"), candidates(project));
    }

    @Test
    @DisplayName("a sub-map cancelled offers its section again with lastError")
    void childCancelled() throws Exception {
        String project = deployTwoLevels();
        fixture.quiet();
        chooseAndWait(project, "specify");
        String spec = child(project, "specify");
        fixture.quiet();
        fixture.service.cancel(spec);
        fixture.eventually(() -> "candidate".equals(fixture.stateOf(project, "specify")), () -> "specify not offered again: " + fixture.events(project));
        assertEquals("sub-map cancelled", attribute(project, "specify", "lastError"));
        assertEquals("Start", fixture.state(project).root().attributes().get("current"));
    }

    @Test
    @DisplayName("cancelling the parent cancels its running sub-maps, to the grandchild")
    void parentCancelled() throws Exception {
        String project = deployTwoLevels();
        fixture.quiet();
        chooseAndWait(project, "specify");
        String spec = child(project, "specify");
        fixture.quiet();
        chooseAndWait(spec, "draft");
        String draft = child(spec, "draft");
        fixture.quiet();
        fixture.service.cancel(project);
        fixture.waitFor(spec, "cancelled");
        fixture.waitFor(draft, "cancelled");
        assertEquals("cancelled", fixture.state(project).state());
        assertEquals(Set.of(), candidates(project));
    }

    @Test
    @DisplayName("a section chosen twice while the map is suspended runs once after resume")
    void deferredChoicesAreCheckedAgain() throws Exception {
        String instance = fixture.deployAndStart(REQUIREMENTS);
        fixture.quiet();
        fixture.service.suspend(instance);
        assertEquals(Outcome.Status.DEFERRED, fixture.service.choose(instance, "s1").status());
        assertEquals(Outcome.Status.DEFERRED, fixture.service.choose(instance, "s1").status());
        fixture.service.resume(instance);
        fixture.quiet();
        assertEquals(1, fixture.state(instance).objects().stream().filter(o -> o.type().equals("WorkItem")).count(), "one work item");
        assertEquals(0, fixture.state(instance).deferred().size());
    }
}
