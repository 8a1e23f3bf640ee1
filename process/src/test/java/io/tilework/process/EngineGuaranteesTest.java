package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.runtime.AsyncTrigger;
import io.tilework.process.runtime.Effect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the engine promises whatever the specification: timers, asynchronous triggers, values and
 * closing. Several tests hold the engine's loop up with a subscriber (subscribers run on the loop,
 * after each commit) so that commands pile up into one batch, as under load.
 */
@DisplayName("the engine: timers moved within a batch, asynchronous triggers that survive, values that cannot be kept, closing")
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class EngineGuaranteesTest {

    private static final String WAITS = TestModels.waitsForGo("waits", "workflow");

    /** The store this run of the class is on. */
    @Parameter
    StoreKind kind;

    @TempDir
    Path temp;

    @Test
    @DisplayName("a timer that fires in the batch that armed it again does not reach the new activation")
    void timerRearmedInTheSameBatch() throws Exception {
        try (var fixture = new ProcessFixture(kind, temp)) {
            fixture.service.deploy("rearmed.yaml", """
                    model: rearmed
                    conformsTo: workflow
                    variables: {round: 0}
                    Activity:
                      start: {kind: start}
                      wait: {kind: receive, message: go, timeout: 1s}
                      check: {kind: task, split: XOR}
                      end: {kind: end}
                      late: {kind: end}
                    Transition:
                      t1: {source: start, target: wait}
                      t2: {source: wait, target: check}
                      again: {source: check, target: wait, condition: "round < 2"}
                      done: {source: check, target: end}
                      slow: {source: wait, target: late, outcome: timeout}
                    """);
            var started = new CompletableFuture<String>();
            var release = new CountDownLatch(1);
            fixture.service.engine().subscribe(record -> {
                if (record.event().equals("start") && started.complete(record.instance())) {
                    holdUntil(release);
                }
            });
            fixture.service.engine().start("rearmed", Map.of("round", 0));
            String instance = started.get(60, TimeUnit.SECONDS);
            // While the loop is held up the signal queues, then the timer (due 1 s after the start) fires behind it:
            // one batch re-arms the timer for the new round of 'wait' and then sees the old one fire.
            var signal = fixture.service.engine().send(instance, "signal", "rearmed", Map.of("name", "go", "variables", Map.of("round", 1)));
            fixture.advance(Duration.ofSeconds(1));
            release.countDown();
            Outcome signalled = signal.get(60, TimeUnit.SECONDS);
            assertEquals(Outcome.Status.APPLIED, signalled.status(), signalled.message());
            fixture.quiet();
            assertAll(
                    () -> assertEquals("waiting", fixture.stateOf(instance, "wait"), "the second round of wait still waits"),
                    () -> assertFalse(fixture.events(instance).contains("timedOut(wait)"), "no timeout reached it: " + fixture.events(instance)),
                    () -> assertEquals(1, fixture.service.show(instance).timers().size(), "its own timer is set"));
            fixture.service.signal(instance, "go", Map.of("round", 2));
            fixture.quiet();
            assertEquals("completed", fixture.state(instance).state());
            assertFalse(fixture.entered(instance, "completed").contains("late"), "the timeout path was never taken");
        }
    }

    @Test
    @DisplayName("closing: commands still queued fail for their callers; an asynchronous trigger already committed runs on the next engine")
    void closingLosesNothingCommitted() throws Exception {
        kind.assumeDurable(); // what the next engine finds of the first one's work
        Path folder = temp.resolve("closing");
        String instance;
        CompletableFuture<Outcome> queued;
        try (var first = new ProcessFixture(kind, folder)) {
            first.service.deploy("audited.yaml", TestModels.AUDITED_WORKFLOW);
            first.service.deploy("waits.yaml", TestModels.waitsForGo("waits", "audited-workflow"));
            var started = new CompletableFuture<String>();
            first.service.engine().subscribe(record -> {
                if (record.event().equals("start") && started.complete(record.instance())) {
                    holdUntil(new CountDownLatch(1)); // never released: the close interrupts it
                }
            });
            first.service.engine().start("waits", Map.of());
            instance = started.get(60, TimeUnit.SECONDS);
            queued = first.service.engine().send(instance, "signal", "waits", Map.of("name", "go"));
        }
        ExecutionException refused = assertThrows(ExecutionException.class, () -> queued.get(60, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
        assertTrue(refused.getCause().getMessage().contains("closed before processing"), refused.getCause().getMessage());

        try (var look = new StorePlace(kind, folder).openStore()) {
            assertTrue(look.pendingOutbox(instance).stream().anyMatch(e -> e.actor().equals(AsyncTrigger.ACTOR)),
                    "the asynchronous trigger waits in the outbox");
            assertTrue(look.log(instance, 0).stream().flatMap(r -> r.effects().stream())
                    .noneMatch(e -> e instanceof Effect.AttributeSet set && set.name().equals("audited")), "and has not run");
        }
        try (var second = new ProcessFixture(kind, folder)) {
            second.quiet();
            assertEquals(true, second.state(instance).object("start").attributes().get("audited"), "the next engine ran it");
            assertTrue(second.service.show(instance).undelivered().isEmpty());
            assertEquals("waiting", second.stateOf(instance, "wait"), "the signal that was refused was not applied");
        }
    }

    @Test
    @DisplayName("a value that cannot be kept rejects its own event, not the others committed with it")
    void valueThatCannotBeKept() throws Exception {
        try (var fixture = new ProcessFixture(kind, temp)) {
            fixture.service.deploy("waits.yaml", WAITS);
            String spoiled = fixture.service.start("waits", Map.of()).instance();
            String fine = fixture.service.start("waits", Map.of()).instance();
            var bad = fixture.service.engine().send(spoiled, "signal", "waits", Map.of("name", "go", "variables", Map.of("thread", Thread.currentThread())));
            var nullKey = new java.util.HashMap<String, Object>();
            nullKey.put(null, 1);
            var alsoBad = fixture.service.engine().send(spoiled, "signal", "waits", Map.of("name", "go", "variables", nullKey));
            var selfContaining = new java.util.ArrayList<Object>();
            selfContaining.add(selfContaining);
            var worse = fixture.service.engine().send(spoiled, "signal", "waits", Map.of("name", "go", "variables", Map.of("loop", selfContaining)));
            var good = fixture.service.engine().send(fine, "signal", "waits", Map.of("name", "go", "variables", Map.of("counts", new int[] {1, 2})));
            Outcome rejected = bad.get(60, TimeUnit.SECONDS);
            assertEquals(Outcome.Status.REJECTED, rejected.status());
            assertTrue(rejected.message().contains("java.lang.Thread") && rejected.message().contains("cannot be kept"), rejected.message());
            assertEquals(Outcome.Status.REJECTED, alsoBad.get(60, TimeUnit.SECONDS).status());
            assertTrue(alsoBad.get().message().contains("null key"), alsoBad.get().message());
            assertEquals(Outcome.Status.REJECTED, worse.get(60, TimeUnit.SECONDS).status());
            assertEquals(Outcome.Status.APPLIED, good.get(60, TimeUnit.SECONDS).status());
            assertEquals(java.util.List.of(1L, 2L), fixture.state(fine).variables().get("counts"), "an array is kept as a list");
            fixture.quiet();
            assertEquals("running", fixture.state(spoiled).state());
            assertEquals("completed", fixture.state(fine).state());
        }
    }

    @Test
    @DisplayName("a job result the instance rejects fails the job's activity with the reason, instead of leaving it running")
    void rejectedJobResult() throws Exception {
        try (var fixture = new ProcessFixture(kind, temp)) {
            fixture.service.deploy("picky.yaml", """
                    metamodel: picky-workflow
                    extends: workflow
                    triggers:
                      - name: wants a count in every result
                        on: jobSucceeded
                        do:
                          - set: {count: "event.result.count + 1"}
                    """);
            String instance = fixture.deployAndStart("""
                    model: picky
                    conformsTo: picky-workflow
                    Activity:
                      start: {kind: start}
                      work: {kind: job, job: test.count, parameters: {name: picky-%s}}
                      end: {kind: end}
                    Transition:
                      t1: {source: start, target: work}
                      t2: {source: work, target: end}
                    """.formatted(java.util.UUID.randomUUID()));
            fixture.waitFor(instance, "failed");
            assertEquals("failed", fixture.stateOf(instance, "work"));
            Object error = fixture.state(instance).object("work").attributes().get("lastError");
            assertTrue(String.valueOf(error).contains("its result was rejected") && String.valueOf(error).contains("wants a count"),
                    String.valueOf(error));
        }
    }

    @Test
    @DisplayName("a webhook call with no url is dropped as undeliverable, not tried for ever")
    void webhookWithoutUrl() throws Exception {
        try (var fixture = new ProcessFixture(kind, temp)) {
            fixture.service.deploy("calling.yaml", """
                    metamodel: calling-workflow
                    extends: workflow
                    triggers:
                      - name: tell a webhook nobody configured
                        on: workflowEnded
                        do:
                          - send: callWebhook
                            with: {url: "null", body: vars}
                    """);
            String instance = fixture.deployAndStart("""
                    model: calling
                    conformsTo: calling-workflow
                    Activity:
                      start: {kind: start}
                      end: {kind: end}
                    Transition:
                      t1: {source: start, target: end}
                    """);
            fixture.quiet();
            assertTrue(fixture.service.show(instance).undelivered().isEmpty(), "acknowledged as undeliverable");
        }
    }

    /** Holds the engine's loop up (from a subscriber) until {@code release}; a close interrupts it. */
    private static void holdUntil(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
