package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.runtime.Effect;
import io.tilework.process.spec.Specifications;
import io.tilework.process.store.LogRecord;
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

@DisplayName("workflow pack: the acceptance scenarios, on each store")
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class WorkflowScenariosTest {

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

    /** A job activity of test.count named after this test run, so counts do not mix. */
    private String job(String id, String extra) {
        return "  " + id + ": {kind: job, job: test.count, parameters: {name: " + id + "-" + run + extra + "}}\n";
    }

    private String name(String id) {
        return id + "-" + run;
    }

    @Test
    @DisplayName("1. A -> B -> C of job activities completes; history lists the events in order")
    void sequence() throws Exception {
        String instance = fixture.deployAndStart("""
                model: sequence
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                """ + job("A", "") + job("B", "") + job("C", "") + """
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: A}
                  t2: {source: A, target: B}
                  t3: {source: B, target: C}
                  t4: {source: C, target: end}
                """);
        fixture.quiet();
        assertEquals("completed", fixture.state(instance).state());
        assertEquals(List.of("start", "A", "B", "C", "end", "sequence"), fixture.entered(instance, "completed"));
        List<String> jobEvents = fixture.events(instance).stream().filter(e -> e.startsWith("job")).toList();
        assertEquals(List.of("jobSucceeded(A)", "jobSucceeded(B)", "jobSucceeded(C)"), jobEvents);
        assertEquals(List.of(1, 1, 1), List.of(CountingJob.runs(name("A")), CountingJob.runs(name("B")), CountingJob.runs(name("C"))));
        // The job results became variables: each job returns {its name: its run count}.
        assertEquals(1L, fixture.state(instance).variables().get(name("A").replace('-', '_')));
        List<LogRecord> history = fixture.service.history(instance);
        for (int i = 1; i < history.size(); i++) {
            assertFalse(history.get(i).time().isBefore(history.get(i - 1).time()), "history is in time order");
            assertEquals(history.get(i - 1).transaction() + 1, history.get(i).transaction(), "one transaction per record, none missing");
        }
    }

    @Test
    @DisplayName("2. AND-split to B and C, AND-join to D: D runs once, after both")
    void parallel() throws Exception {
        String instance = fixture.deployAndStart("""
                model: parallel
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  A: {kind: task, split: AND}
                """ + job("B", ", hold: true") + job("C", "") + """
                  D: {kind: job, job: test.count, join: AND, parameters: {name: D-%s}}
                  end: {kind: end}
                Transition:
                  t0: {source: start, target: A}
                  t1: {source: A, target: B}
                  t2: {source: A, target: C}
                  t3: {source: B, target: D}
                  t4: {source: C, target: D}
                  t5: {source: D, target: end}
                """.formatted(run));
        // B is held until C has completed: the shorter branch finishes first by construction, not by timing.
        fixture.eventually(() -> fixture.entered(instance, "completed").contains("C"), () -> "C completed");
        assertFalse(fixture.entered(instance, "running").contains("D"), "D waits for B");
        CountingJob.release(name("B"));
        fixture.quiet();
        List<String> completed = fixture.entered(instance, "completed");
        assertAll(
                () -> assertEquals("completed", fixture.state(instance).state()),
                () -> assertEquals(1, completed.stream().filter("D"::equals).count(), "D completed once: " + completed),
                () -> assertEquals(1, CountingJob.runs(name("D")), "D's job ran once"),
                () -> assertTrue(completed.indexOf("D") > completed.indexOf("B") && completed.indexOf("D") > completed.indexOf("C"),
                        "D after both B and C: " + completed),
                () -> assertTrue(completed.indexOf("C") < completed.indexOf("B"), "the shorter branch finished first: " + completed),
                () -> assertEquals(1, fixture.entered(instance, "running").stream().filter("D"::equals).count(), "D started once"));
    }

    @Test
    @DisplayName("3. XOR split on a variable takes the right branch")
    void exclusive() throws Exception {
        String model = """
                model: exclusive
                conformsTo: workflow
                variables: {amount: 0}
                Activity:
                  start: {kind: start, split: XOR}
                  big: {kind: task}
                  small: {kind: task}
                  end: {kind: end}
                Transition:
                  toBig: {source: start, target: big, condition: "amount > 100"}
                  toSmall: {source: start, target: small}
                  bigEnd: {source: big, target: end}
                  smallEnd: {source: small, target: end}
                """;
        String large = fixture.deployAndStart(model, Map.of("amount", 500L));
        String modest = fixture.deployAndStart(model, Map.of("amount", 5L));
        fixture.quiet();
        assertAll(
                () -> assertEquals("completed", fixture.stateOf(large, "big")),
                () -> assertEquals("idle", fixture.stateOf(large, "small"), "XOR takes one branch only"),
                () -> assertEquals("completed", fixture.stateOf(modest, "small")),
                () -> assertEquals("idle", fixture.stateOf(modest, "big")),
                () -> assertEquals("completed", fixture.state(large).state()),
                () -> assertEquals("completed", fixture.state(modest).state()));
    }

    @Test
    @DisplayName("4. a job failing twice with 3 attempts allowed succeeds on the third; attempts are in history")
    void retries() throws Exception {
        String instance = fixture.deployAndStart("""
                model: retries
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  A: {kind: job, job: test.count, attempts: 3, backoff: 20ms, parameters: {name: A-%s, failures: 2}}
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: A}
                  t2: {source: A, target: end}
                """.formatted(run));
        // Each retry waits on a timer (20 ms, then 40 ms): the test's clock moves past it once the retry is set.
        for (int retry = 1; retry <= 2; retry++) {
            int retries = retry;
            fixture.eventually(() -> fixture.entered(instance, "retrying").size() >= retries, () -> "retry " + retries + " was set");
            assertEquals(retry, CountingJob.runs(name("A")), "no retry before its backoff passed");
            fixture.advance(Duration.ofMillis(20L << (retry - 1)));
        }
        fixture.waitFor(instance, "completed");
        var answers = fixture.service.history(instance).stream()
                .filter(r -> r.event().startsWith("job"))
                .map(r -> r.event() + "#" + r.payload().get("attempt")).toList();
        assertEquals(List.of("jobFailed#1", "jobFailed#2", "jobSucceeded#3"), answers);
        assertEquals(3, CountingJob.runs(name("A")));
        assertEquals(3L, fixture.state(instance).object("A").attributes().get("tries"));
        assertEquals(2, fixture.entered(instance, "retrying").size(), "two retries");
    }

    @Test
    @DisplayName("4b. a job failing on every attempt fails the activity, and with no failure path the workflow")
    void retriesExhausted() throws Exception {
        String instance = fixture.deployAndStart("""
                model: exhausted
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  A: {kind: job, job: test.count, attempts: 2, parameters: {name: A-%s, failures: 5}}
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: A}
                  t2: {source: A, target: end}
                """.formatted(run));
        fixture.waitFor(instance, "failed");
        assertEquals("failed", fixture.stateOf(instance, "A"));
        assertTrue(fixture.state(instance).object("A").attributes().get("lastError").toString().contains("planned failure 2"));
        assertEquals(2, CountingJob.runs(name("A")));
    }

    @Test
    @DisplayName("5. an activity timeout fires and the timeout path is taken; the job is cancelled")
    void timeout() throws Exception {
        String instance = fixture.deployAndStart("""
                model: timeout
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  slow: {kind: job, job: test.count, timeout: 200ms, parameters: {name: slow-%s, hold: true}}
                  onTime: {kind: task}
                  late: {kind: task}
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: slow}
                  ok: {source: slow, target: onTime}
                  expired: {source: slow, target: late, outcome: timeout}
                  t3: {source: onTime, target: end}
                  t4: {source: late, target: end}
                """.formatted(run));
        assertTrue(CountingJob.awaitRuns(name("slow"), 1), "the job started");
        assertEquals("running", fixture.stateOf(instance, "slow"), "nothing times out while the clock stands still");
        fixture.advance(Duration.ofMillis(200));
        fixture.waitFor(instance, "completed");
        assertTrue(CountingJob.awaitCancelled(name("slow"), 1), "the running job saw its cancellation");
        fixture.quiet();
        assertAll(
                () -> assertEquals("completed", fixture.stateOf(instance, "late")),
                () -> assertEquals("idle", fixture.stateOf(instance, "onTime"), "the normal path is not taken"),
                () -> assertEquals("timeout", fixture.state(instance).object("slow").attributes().get("outcome")),
                () -> assertTrue(fixture.events(instance).contains("timedOut(slow)")),
                () -> assertEquals(1, CountingJob.cancelled(name("slow")), "the running job saw its cancellation"));
    }

    @Test
    @DisplayName("6. a human work item notifies a webhook (real HTTP) and the inbox through the outbox; completing it resumes the process")
    void humanWork() throws Exception {
        try (var webhook = new WebhookServer()) {
            String instance = fixture.deployAndStart("""
                    model: review
                    conformsTo: workflow
                    Participant:
                      alice: {webhook: "%s"}
                    Activity:
                      start: {kind: start}
                      approve: {kind: human, participant: alice}
                      end: {kind: end}
                    Transition:
                      t1: {source: start, target: approve}
                      t2: {source: approve, target: end}
                    """.formatted(webhook.url("/alice")));
            fixture.quiet();
            assertEquals("waiting", fixture.stateOf(instance, "approve"));
            assertEquals("offered", fixture.stateOf(instance, "WorkItem-1"));
            var posts = webhook.received();
            assertEquals(1, posts.size(), "one POST: " + posts);
            assertEquals("/alice", posts.getFirst().path());
            assertTrue(posts.getFirst().idempotencyKey() != null && posts.getFirst().body().contains("WorkItem-1"), posts.getFirst().toString());
            var inbox = fixture.service.inbox("alice");
            assertEquals(1, inbox.size());
            assertEquals("WorkItem-1", inbox.getFirst().entry().object());
            assertEquals("offered", inbox.getFirst().objectState());
            assertTrue(fixture.service.show(instance).undelivered().isEmpty(), "the notification was acknowledged");

            Outcome done = fixture.service.complete(instance, "WorkItem-1", Map.of("approved", true));
            assertEquals(Outcome.Status.APPLIED, done.status());
            fixture.quiet();
            assertEquals("completed", fixture.state(instance).state());
            assertEquals(true, fixture.state(instance).variables().get("approved"));
            assertEquals("completed", fixture.service.inbox("alice").getFirst().objectState());
        }
    }

    @Test
    @DisplayName("7. cancelling an instance cancels its running job; nothing happens afterwards")
    void cancel() throws Exception {
        String instance = fixture.deployAndStart("""
                model: cancel
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  long: {kind: job, job: test.count, parameters: {name: long-%s, hold: true}}
                  after: {kind: job, job: test.count, parameters: {name: after-%s}}
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: long}
                  t2: {source: long, target: after}
                  t3: {source: after, target: end}
                """.formatted(run, run));
        assertTrue(CountingJob.awaitRuns(name("long"), 1), "the job started");
        assertEquals(Outcome.Status.APPLIED, fixture.service.cancel(instance).status());
        assertTrue(CountingJob.awaitCancelled(name("long"), 1), "the job saw the cancellation");
        fixture.quiet();
        int records = fixture.service.history(instance).size();
        assertAll(
                () -> assertEquals("cancelled", fixture.state(instance).state()),
                () -> assertEquals("cancelled", fixture.stateOf(instance, "long")),
                () -> assertEquals(1, CountingJob.cancelled(name("long")), "the job saw the cancellation"),
                () -> assertEquals(0, CountingJob.runs(name("after")), "nothing ran after"));
        Outcome late = fixture.service.send(instance, "jobSucceeded", "long", Map.of("attempt", 1L));
        assertEquals(Outcome.Status.IGNORED, late.status(), late.message());
        fixture.quiet();
        assertEquals(records, fixture.service.history(instance).size(), "no transaction after the cancel");
        assertTrue(fixture.service.show(instance).timers().isEmpty());
    }

    @Test
    @DisplayName("suspend defers job results until resume; signals complete receive activities")
    void suspendResumeAndSignal() throws Exception {
        String instance = fixture.deployAndStart("""
                model: pausing
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  work: {kind: job, job: test.count, parameters: {name: work-%s, hold: true}}
                  wait: {kind: receive, message: go}
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: work}
                  t2: {source: work, target: wait}
                  t3: {source: wait, target: end}
                """.formatted(run));
        assertEquals(Outcome.Status.APPLIED, fixture.service.suspend(instance).status());
        // The job finishes only now, while its instance is suspended.
        CountingJob.release(name("work"));
        fixture.quiet();
        assertEquals("suspended", fixture.state(instance).state());
        assertEquals("running", fixture.stateOf(instance, "work"), "the job's answer waits while suspended");
        assertEquals(1, fixture.state(instance).deferred().size());
        fixture.service.resume(instance);
        fixture.quiet();
        assertEquals("waiting", fixture.stateOf(instance, "wait"));
        assertEquals(Outcome.Status.APPLIED, fixture.service.signal(instance, "go", Map.of("by", "test")).status());
        fixture.quiet();
        assertEquals("completed", fixture.state(instance).state());
        assertEquals("test", fixture.state(instance).variables().get("by"));
    }

    @Test
    @DisplayName("a sub-process runs as a child instance and its end completes the parent's activity")
    void subprocess() throws Exception {
        fixture.service.deploy("child.yaml", """
                model: child
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  inner: {kind: job, job: test.count, parameters: {name: inner-%s}}
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: inner}
                  t2: {source: inner, target: end}
                """.formatted(run));
        String parent = fixture.deployAndStart("""
                model: parent
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  call: {kind: subprocess, process: child}
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: call}
                  t2: {source: call, target: end}
                """);
        fixture.waitFor(parent, "completed");
        var children = fixture.service.list().stream().filter(s -> parent.equals(s.parent())).toList();
        assertEquals(1, children.size());
        assertEquals("completed", children.getFirst().state());
        assertEquals(1L, fixture.state(parent).variables().get(name("inner").replace('-', '_')), "the child's variables came back");
    }

    @Test
    @DisplayName("a loop runs its body again until the condition on a variable lets it out")
    void loop() throws Exception {
        String counter = name("work").replace('-', '_');
        String instance = fixture.deployAndStart("""
                model: looping
                conformsTo: workflow
                variables: {%s: 0}
                Activity:
                  start: {kind: start}
                """.formatted(counter) + job("work", "") + """
                  check: {kind: task, split: XOR}
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: work}
                  t2: {source: work, target: check}
                  again: {source: check, target: work, condition: "%s < 3"}
                  done: {source: check, target: end}
                """.formatted(counter));
        fixture.waitFor(instance, "completed");
        assertEquals(3, CountingJob.runs(name("work")));
        assertEquals(3, fixture.entered(instance, "completed").stream().filter("work"::equals).count());
        assertEquals(3L, fixture.state(instance).variables().get(counter));
    }

    @Test
    @DisplayName("a webhook activity POSTs the variables through the outbox (real HTTP) and goes on")
    void webhookActivity() throws Exception {
        try (var webhook = new WebhookServer()) {
            String instance = fixture.deployAndStart("""
                    model: hooked
                    conformsTo: workflow
                    variables: {order: 17}
                    Activity:
                      start: {kind: start}
                      tell: {kind: webhook, url: "%s"}
                      end: {kind: end}
                    Transition:
                      t1: {source: start, target: tell}
                      t2: {source: tell, target: end}
                    """.formatted(webhook.url("/orders")));
            fixture.quiet();
            assertEquals("completed", fixture.state(instance).state());
            var posts = webhook.received();
            assertEquals(1, posts.size());
            assertTrue(posts.getFirst().body().contains("\"order\":17") && posts.getFirst().idempotencyKey() != null, posts.getFirst().toString());
            assertTrue(fixture.service.show(instance).undelivered().isEmpty());
        }
    }

    @Test
    @DisplayName("a sub-process that cannot start fails its activity, and so the parent; a work item is completed only once")
    void subprocessThatCannotStart_andDoubleCompletion() throws Exception {
        String parent = fixture.deployAndStart("""
                model: orphaned
                conformsTo: workflow
                Activity:
                  start: {kind: start}
                  call: {kind: subprocess, process: nosuch}
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: call}
                  t2: {source: call, target: end}
                """);
        fixture.waitFor(parent, "failed");
        assertTrue(fixture.state(parent).object("call").attributes().get("lastError").toString().contains("no model 'nosuch'"));
        assertTrue(fixture.service.show(parent).undelivered().isEmpty(), "the start is not delivered again");

        String review = fixture.deployAndStart("""
                model: once
                conformsTo: workflow
                Participant:
                  alice: {}
                Activity:
                  start: {kind: start}
                  approve: {kind: human, participant: alice}
                  end: {kind: end}
                Transition:
                  t1: {source: start, target: approve}
                  t2: {source: approve, target: end}
                """);
        fixture.quiet();
        assertEquals(Outcome.Status.APPLIED, fixture.service.complete(review, "WorkItem-1", Map.of()).status());
        fixture.quiet();
        var again = fixture.service.send(review, "complete", "WorkItem-1", Map.of());
        assertTrue(again.status() != Outcome.Status.APPLIED, "a second completion is not applied: " + again);
    }

    @Test
    @DisplayName("10. a trigger added in YAML (overdue work escalates to another participant) changes behaviour with no Java change")
    void escalationByYamlAlone() throws Exception {
        String extension = """
                metamodel: escalating-workflow
                extends: workflow
                types:
                  Participant:
                    attributes:
                      escalateTo: ref Participant
                      escalateAfter: duration
                events:
                  overdue: {temporal: WorkItem}
                triggers:
                  - name: overdue work is watched
                    on: workItemOffered
                    when: "ctx.element(self.participant).escalateAfter != null"
                    do:
                      - schedule: overdue
                        after: "ctx.element(self.participant).escalateAfter"
                  - name: overdue work escalates
                    on: overdue
                    when: "self.state == 'offered' && ctx.element(self.participant).escalateTo != null"
                    do:
                      - set: {participant: "ctx.element(self.participant).escalateTo", escalated: true}
                      - send: notify
                        to: self.participant
                        with: {workItem: self.id, activity: self.activity, webhook: "ctx.element(self.participant).webhook"}
                """;
        assertTrue(Specifications.packText("workflow").contains("metamodel: workflow"));
        try (var webhook = new WebhookServer()) {
            String participants = """
                    Participant:
                      alice: {webhook: "%s", escalateTo: bob, escalateAfter: 150ms}
                      bob: {webhook: "%s"}
                    Activity:
                      start: {kind: start}
                      approve: {kind: human, participant: alice}
                      end: {kind: end}
                    Transition:
                      t1: {source: start, target: approve}
                      t2: {source: approve, target: end}
                    """.formatted(webhook.url("/alice"), webhook.url("/bob"));
            // Without the extension the model does not even validate: the attributes are unknown.
            assertFalse(fixture.service.validate("plain.yaml", "model: plain\nconformsTo: workflow\n" + participants).isEmpty());

            assertEquals("escalating-workflow", fixture.service.deploy("escalation.yaml", extension).name());
            String instance = fixture.deployAndStart("model: escalating\nconformsTo: escalating-workflow\n" + participants);
            fixture.quiet();
            assertEquals(1, fixture.service.inbox("alice").size(), "alice was offered the work");
            fixture.advance(Duration.ofMillis(149));
            fixture.quiet();
            assertTrue(fixture.service.inbox("bob").isEmpty(), "no escalation before escalateAfter");
            fixture.advance(Duration.ofMillis(1));
            fixture.eventually(() -> !fixture.service.inbox("bob").isEmpty(), () -> "the work was escalated to bob");
            fixture.quiet();
            assertEquals(1, fixture.service.inbox("bob").size(), "bob was notified of the escalated work");
            assertEquals(List.of("/alice", "/bob"), webhook.received().stream().map(WebhookServer.Request::path).toList());
            assertEquals("bob", fixture.state(instance).object("WorkItem-1").attributes().get("participant"));
            assertEquals(true, fixture.state(instance).object("WorkItem-1").attributes().get("escalated"));
            fixture.service.complete(instance, "WorkItem-1", Map.of());
            fixture.quiet();
            assertEquals("completed", fixture.state(instance).state());
        }
    }


    @SuppressWarnings("unused")
    private static long count(List<LogRecord> history, Class<? extends Effect> kind) {
        return history.stream().flatMap(r -> r.effects().stream()).filter(kind::isInstance).count();
    }
}
