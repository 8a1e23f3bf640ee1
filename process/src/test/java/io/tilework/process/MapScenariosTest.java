package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.RuntimeObject;
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

@DisplayName("map pack: candidate sections, choices, achievements")
class MapScenariosTest {

    /**
     * Start -> Collect (two strategies: by hand, by a job), Collect -> Analyse, Analyse -> Stop,
     * and a short cut Collect -> Stop.
     */
    private static final String MAP = """
            model: study
            conformsTo: map
            Participant:
              ana: {}
            Intention:
              Start: {}
              Collect: {description: collect the data}
              Analyse: {description: analyse it}
              Stop: {}
            Strategy:
              byHand: {description: ask a person}
              byJob: {description: run a job}
              bySummary: {description: summarise}
            Section:
              collectByHand: {source: Start, target: Collect, strategy: byHand, guideline: human, participant: ana}
              collectByJob: {source: Start, target: Collect, strategy: byJob, guideline: job, job: process.sleep, parameters: {result: {rows: 42}}}
              analyse: {source: Collect, target: Analyse, strategy: byHand, guideline: human, participant: ana}
              finish: {source: Analyse, target: Stop, strategy: bySummary, guideline: human, participant: ana}
              shortCut: {source: Collect, target: Stop, strategy: bySummary, guideline: job, job: process.sleep}
            """;

    @TempDir
    Path temp;

    private ProcessFixture fixture;

    @BeforeEach
    void open() {
        fixture = new ProcessFixture(temp);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private Set<String> candidates(String instance) {
        var found = new TreeSet<String>();
        for (RuntimeObject object : fixture.state(instance).objects()) {
            if (object.type().equals("Section") && object.state().equals("candidate")) {
                found.add(object.id());
            }
        }
        return found;
    }

    private List<RuntimeObject> achievements(String instance) {
        return fixture.state(instance).objects().stream().filter(o -> o.type().equals("Achievement")).toList();
    }

    @Test
    @DisplayName("9. after Start the candidates are the sections leaving Start; a choice records its achievement; Stop becomes reachable")
    void candidatesChoicesAndStop() throws Exception {
        String instance = fixture.deployAndStart(MAP);
        fixture.quiet();
        assertEquals("achieved", fixture.stateOf(instance, "Start"));
        assertEquals(Set.of("collectByHand", "collectByJob"), candidates(instance), "two strategies from Start to Collect");

        // Not a candidate: rejected, with why.
        Outcome early = fixture.service.choose(instance, "analyse");
        assertEquals(Outcome.Status.REJECTED, early.status());
        assertTrue(early.message().contains("not accepted") && early.message().contains("candidate"), early.message());

        // The job strategy: its product is recorded with the achievement.
        assertEquals(Outcome.Status.APPLIED, fixture.service.choose(instance, "collectByJob").status());
        fixture.quiet();
        assertEquals("achieved", fixture.stateOf(instance, "Collect"));
        var first = achievements(instance);
        assertEquals(1, first.size());
        assertEquals(Map.of("intention", "Collect", "section", "collectByJob", "strategy", "byJob", "product", Map.of("rows", 42L)),
                first.getFirst().attributes());
        assertEquals(42L, fixture.state(instance).variables().get("rows"));
        assertEquals(Set.of("collectByHand", "collectByJob", "analyse", "shortCut"), candidates(instance),
                "the sections leaving every intention achieved so far; Stop is reachable by the short cut");

        // The human strategy for the same intention: a work item, completed with its product.
        fixture.service.choose(instance, "collectByHand");
        fixture.quiet();
        assertEquals("running", fixture.stateOf(instance, "collectByHand"));
        assertTrue(!candidates(instance).contains("collectByHand"), "a running section is no candidate");
        assertEquals(1, fixture.service.inbox("ana").size(), "ana was notified");
        String workItem = fixture.service.inbox("ana").getFirst().entry().object();
        fixture.service.complete(instance, workItem, Map.of("source", "survey"));
        fixture.quiet();
        assertEquals(2, achievements(instance).size(), "Collect achieved a second time, by the other strategy");
        assertEquals("byHand", achievements(instance).get(1).attributes().get("strategy"));

        // Another path to Stop: analyse, then finish.
        fixture.service.choose(instance, "analyse");
        fixture.quiet();
        fixture.service.complete(instance, fixture.service.inbox("ana").getLast().entry().object(), Map.of());
        fixture.quiet();
        assertTrue(candidates(instance).contains("finish"));
        fixture.service.choose(instance, "finish");
        fixture.quiet();
        fixture.service.complete(instance, fixture.service.inbox("ana").getLast().entry().object(), Map.of());
        fixture.quiet();
        InstanceState done = fixture.state(instance);
        assertEquals("completed", done.state(), "reaching Stop ends the map");
        assertEquals("achieved", done.object("Stop").state());
        assertEquals(Set.of(), candidates(instance), "no candidates after Stop");
        assertEquals(List.of("Collect", "Collect", "Analyse", "Stop"),
                achievements(instance).stream().map(a -> a.attributes().get("intention")).toList());
    }

    @Test
    @DisplayName("a section chosen twice while the map is suspended runs once after resume")
    void deferredChoicesAreCheckedAgain() throws Exception {
        String instance = fixture.deployAndStart(MAP);
        fixture.quiet();
        fixture.service.suspend(instance);
        assertEquals(Outcome.Status.DEFERRED, fixture.service.choose(instance, "collectByHand").status());
        assertEquals(Outcome.Status.DEFERRED, fixture.service.choose(instance, "collectByHand").status());
        fixture.service.resume(instance);
        fixture.quiet();
        assertEquals(1, fixture.state(instance).objects().stream().filter(o -> o.type().equals("WorkItem")).count(), "one work item");
        assertEquals(0, fixture.state(instance).deferred().size());
    }

    @Test
    @DisplayName("the short cut is another path to Stop")
    void shortCutToStop() throws Exception {
        String instance = fixture.deployAndStart(MAP);
        fixture.quiet();
        fixture.service.choose(instance, "collectByJob");
        fixture.quiet();
        fixture.service.choose(instance, "shortCut");
        fixture.quiet();
        assertEquals("completed", fixture.state(instance).state());
        assertEquals(List.of("Collect", "Stop"), achievements(instance).stream().map(a -> a.attributes().get("intention")).toList());
    }
}
