package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.store.InstanceSummary;
import io.tilework.process.testjobs.CountingJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("workflow pack: joins fed by loops, tokens with nowhere to go, sub-processes that follow their parent, pinned versions")
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class WorkflowEdgeCasesTest {

    /** The store this run of the class is on. */
    @Parameter
    StoreKind kind;

    @TempDir
    Path temp;

    private ProcessFixture fixture;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void open() {
        fixture = new ProcessFixture(kind, temp);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    @DisplayName("an AND join waits for every incoming transition, however often a loop comes round one of them")
    void andJoinCountsTransitionsNotArrivals() throws Exception {
        // 'fast' runs three times (it loops to itself) and sends a token to the join each time, long before 'slow' ends.
        String counter = "fast_" + run;
        String instance = fixture.deployAndStart("""
                model: looped-join
                conformsTo: workflow
                variables: {%s: 0}
                Activity:
                  start: {kind: start}
                  split: {kind: task, split: AND}
                  fast: {kind: job, job: test.count, split: AND, parameters: {name: fast-%s}}
                  slow: {kind: job, job: test.count, parameters: {name: slow-%s, hold: true}}
                  join: {kind: job, job: test.count, join: AND, parameters: {name: join-%s}}
                  end: {kind: end}
                Transition:
                  t0: {source: start, target: split}
                  t1: {source: split, target: fast}
                  t2: {source: split, target: slow}
                  again: {source: fast, target: fast, condition: "%s < 3"}
                  f: {source: fast, target: join}
                  s: {source: slow, target: join}
                  t3: {source: join, target: end}
                """.formatted(counter, run, run, run, counter));
        // slow is held until the loop has sent all three of its tokens to the join.
        fixture.eventually(() -> fixture.entered(instance, "completed").stream().filter("fast"::equals).count() == 3,
                () -> "fast completed three times");
        assertTrue(fixture.entered(instance, "running").stream().noneMatch("join"::equals), "the join waits for slow");
        CountingJob.release("slow-" + run);
        fixture.waitFor(instance, "completed");
        List<String> completed = fixture.entered(instance, "completed");
        assertAll(
                () -> assertEquals(3, CountingJob.runs("fast-" + run), "the loop ran"),
                () -> assertEquals(1, CountingJob.runs("join-" + run), "the join ran once"),
                () -> assertTrue(completed.contains("slow") && completed.indexOf("join") > completed.indexOf("slow"),
                        "the join waited for slow: " + completed));
    }

    @Test
    @DisplayName("a token that finds no transition to take fails the workflow and says where")
    void nowhereToGo() throws Exception {
        String instance = fixture.deployAndStart("""
                model: no-branch
                conformsTo: workflow
                variables: {amount: 0}
                Activity:
                  start: {kind: start}
                  check: {kind: task, split: XOR}
                  big: {kind: end}
                  negative: {kind: end}
                Transition:
                  t0: {source: start, target: check}
                  t1: {source: check, target: big, condition: "amount > 5"}
                  t2: {source: check, target: negative, condition: "amount < 0"}
                """, Map.of("amount", 3));
        fixture.quiet();
        assertEquals("failed", fixture.state(instance).state());
        Object error = fixture.state(instance).root().attributes().get("error");
        assertTrue(String.valueOf(error).contains("activity check ended ok and no transition"), String.valueOf(error));

        // A failure whose failure path does not apply (its condition does not hold) is a token with nowhere to go too.
        String failing = fixture.deployAndStart("""
                model: unhandled-failure
                conformsTo: workflow
                variables: {repairable: false}
                Activity:
                  start: {kind: start}
                  A: {kind: job, job: test.count, parameters: {name: A-%s, failures: 1}}
                  repair: {kind: end}
                  end: {kind: end}
                Transition:
                  t0: {source: start, target: A}
                  t1: {source: A, target: end}
                  t2: {source: A, target: repair, outcome: failed, condition: "repairable == true"}
                """.formatted(run), Map.of("repairable", false));
        fixture.waitFor(failing, "failed");
        Object reason = fixture.state(failing).root().attributes().get("error");
        assertTrue(String.valueOf(reason).contains("activity A ended failed (planned failure 1"), String.valueOf(reason));
    }

    @Test
    @DisplayName("an ended workflow stops what still runs: the job of another branch, the sub-process of an activity that timed out")
    void endedWorkflowStopsTheRest() throws Exception {
        String instance = fixture.deployAndStart("""
                model: race
                conformsTo: workflow
                Activity:
                  start: {kind: start, split: AND}
                  quick: {kind: task}
                  slow: {kind: job, job: test.count, parameters: {name: slow-%s, hold: true}}
                  end: {kind: end}
                  never: {kind: end}
                Transition:
                  t1: {source: start, target: quick}
                  t2: {source: start, target: slow}
                  t3: {source: quick, target: end}
                  t4: {source: slow, target: never}
                """.formatted(run));
        fixture.waitFor(instance, "completed");
        assertTrue(CountingJob.awaitCancelled("slow-" + run, 1), "the other branch's job was cancelled");
        assertEquals("cancelled", fixture.stateOf(instance, "slow"));

        fixture.service.deploy("child.yaml", TestModels.waitsForGo("child", "workflow"));
        String parent = fixture.deployAndStart("""
                model: impatient
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  call: {kind: subprocess, process: child, timeout: 300ms}
                  end: {kind: end}
                  late: {kind: end}
                Transition:
                  t1: {source: start, target: call}
                  t2: {source: call, target: end}
                  t3: {source: call, target: late, outcome: timeout}
                """);
        fixture.eventually(() -> fixture.service.list().stream().anyMatch(s -> parent.equals(s.parent())), () -> "the child started");
        fixture.advance(Duration.ofMillis(300));
        fixture.waitFor(parent, "completed");
        String child = onlyChild(parent).id();
        fixture.eventually(() -> "cancelled".equals(fixture.state(child).state()), () -> "the timed-out activity's sub-process was cancelled");
    }

    @Test
    @DisplayName("a model deployed before a constraint was added to its pack still runs")
    void storedModelsOutliveNewConstraints() throws Exception {
        // Written to the store directly, as a model deployed under an older pack (no timeout path was required then).
        fixture.service.engine().store().saveModel("older", "workflow", """
                model: older
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  wait: {kind: receive, message: go, timeout: 1h}
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: wait}
                  t2: {source: wait, target: end}
                """);
        Outcome started = fixture.service.start("older", Map.of());
        assertEquals(Outcome.Status.APPLIED, started.status(), started.message());
        fixture.service.signal(started.instance(), "go", Map.of());
        fixture.quiet();
        assertEquals("completed", fixture.state(started.instance()).state());
    }

    @Test
    @DisplayName("suspend, resume and cancel of a parent reach its sub-processes, also one still starting")
    void parentLifeCycleReachesChildren() throws Exception {
        fixture.service.deploy("child.yaml", """
                model: child
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  long: {kind: job, job: test.count, parameters: {name: child-%s, hold: true}}
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: long}
                  t2: {source: long, target: end}
                """.formatted(run));
        String parentModel = """
                model: parent
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  call: {kind: subprocess, process: child}
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: call}
                  t2: {source: call, target: end}
                """;
        String parent = fixture.deployAndStart(parentModel);
        assertTrue(CountingJob.awaitRuns("child-" + run, 1), "the child's job started");
        String child = onlyChild(parent).id();

        assertEquals(Outcome.Status.APPLIED, fixture.service.suspend(parent).status());
        fixture.eventually(() -> "suspended".equals(fixture.state(child).state()), () -> "the child was suspended with its parent");
        assertEquals(Outcome.Status.APPLIED, fixture.service.resume(parent).status());
        fixture.eventually(() -> "running".equals(fixture.state(child).state()), () -> "the child was resumed with its parent");
        // Back to back, the messages to the child keep their order: it ends as its parent, running.
        for (int i = 0; i < 30; i++) {
            fixture.service.suspend(parent);
            fixture.service.resume(parent);
        }
        // (Not quiet(): the child's held job counts as work in flight.)
        fixture.eventually(() -> fixture.service.show(parent).undelivered().stream().noneMatch(e -> e.operation().equals("sendToChildren")),
                () -> "every message to the child was delivered");
        assertEquals("running", fixture.state(parent).state());
        assertEquals("running", fixture.state(child).state(), "the child followed every suspend and resume in order");
        assertEquals(Outcome.Status.APPLIED, fixture.service.cancel(parent).status());
        fixture.eventually(() -> "cancelled".equals(fixture.state(child).state()), () -> "the child was cancelled with its parent");
        assertTrue(CountingJob.awaitCancelled("child-" + run, 1), "the child's job was cancelled");

        // Cancelled at once: its child may not exist yet when the cancel goes out; it must end cancelled all the same.
        Outcome second = fixture.service.start("parent", Map.of());
        assertEquals(Outcome.Status.APPLIED, fixture.service.cancel(second.instance()).status());
        fixture.eventually(() -> fixture.service.list().stream().anyMatch(s -> second.instance().equals(s.parent())), () -> "the second child started");
        String secondChild = onlyChild(second.instance()).id();
        fixture.eventually(() -> "cancelled".equals(fixture.state(secondChild).state()), () -> "the child of a parent cancelled at once was cancelled");
        fixture.quiet();
        assertTrue(fixture.service.show(second.instance()).undelivered().isEmpty(), "nothing left to deliver");
    }

    @Test
    @DisplayName("an instance keeps the specification version it started in; new instances run the newest, also after a restart")
    void runningInstancesKeepTheirSpecificationVersion() throws Exception {
        kind.assumeDurable(); // the versions must outlive a restart of the engine
        String marking = """
                metamodel: marking-workflow
                extends: workflow
                triggers:
                  - name: a signal leaves a mark
                    on: signal
                    do:
                      - variables: "{'mark': '%s'}"
                """;
        assertEquals(1, fixture.service.deploy("marking.yaml", marking.formatted("first")).version());
        String older = fixture.deployAndStart(TestModels.waitsForGo("marked", "marking-workflow"));
        assertEquals(2, fixture.service.deploy("marking.yaml", marking.formatted("second")).version());
        String newer = fixture.service.start("marked", Map.of()).instance();
        fixture.close();
        fixture = new ProcessFixture(kind, temp);
        fixture.service.signal(older, "go", Map.of());
        fixture.service.signal(newer, "go", Map.of());
        fixture.quiet();
        assertAll(
                () -> assertEquals("completed", fixture.state(older).state()),
                () -> assertEquals("first", fixture.state(older).variables().get("mark"), "the older instance ran version 1"),
                () -> assertEquals("second", fixture.state(newer).variables().get("mark"), "the newer instance ran version 2"),
                () -> assertEquals(1, fixture.service.show(older).summary().specVersion()),
                () -> assertEquals(2, fixture.service.show(newer).summary().specVersion()));
    }

    private InstanceSummary onlyChild(String parent) {
        List<InstanceSummary> children = fixture.service.list().stream().filter(s -> parent.equals(s.parent())).toList();
        assertEquals(1, children.size(), "children of " + parent + ": " + children);
        return children.getFirst();
    }

}
