package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.store.InstanceSummary;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("a killed engine (kill -9) is resumed by a new one on the same store")
@ParameterizedClass(name = "{0}")
@EnumSource(value = StoreKind.class, names = {"SQLITE", "POSTGRESQL"}) // a new engine recovers what the killed one committed: the durable stores only
class RecoveryTest {

    private static final int INSTANCES = 20;
    private static final List<String> ACTIVITIES = List.of("start", "A", "B", "approve", "C", "end");

    /** The store this run of the class is on. */
    @Parameter
    StoreKind kind;

    @TempDir
    Path temp;

    @Test
    @DisplayName("8. instances in flight when the JVM is killed finish on a new engine: every activity once, no notification lost")
    void killedMidRun_resumesEverything() throws Exception {
        try (var webhook = new WebhookServer()) {
            Path model = temp.resolve("model.yaml");
            Files.writeString(model, """
                    model: durable
                    conformsTo: workflow
                    Participant:
                      clerk: {webhook: "%s"}
                    Activity:
                      start: {kind: start}
                      A: {kind: job, job: process.sleep, parameters: {duration: 40ms}}
                      B: {kind: job, job: process.sleep, parameters: {duration: 40ms}}
                      approve: {kind: human, participant: clerk}
                      C: {kind: job, job: process.sleep, parameters: {duration: 40ms}}
                      end: {kind: end}
                    Transition:
                      t1: {source: start, target: A}
                      t2: {source: A, target: B}
                      t3: {source: B, target: approve}
                      t4: {source: approve, target: C}
                      t5: {source: C, target: end}
                    """.formatted(webhook.url("/clerk")));
            Process child = new StorePlace(kind, temp).otherJvm(EngineInAnotherJvm.class, model.toString(), String.valueOf(INSTANCES))
                    .redirectErrorStream(true).start();
            // Only for a hung child: its end ends the loop below, which has no clock of its own.
            var watchdog = java.util.concurrent.CompletableFuture.runAsync(child::destroyForcibly,
                    java.util.concurrent.CompletableFuture.delayedExecutor(5, TimeUnit.MINUTES));
            var completions = new AtomicInteger();
            var output = new StringBuilder();
            boolean allStarted = false;
            try (var lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                // Kill it once every instance was started (its line comes after the last start committed) and a fair
                // part of the work is done, well before all of it: the human step holds every instance back until the
                // clerk approves, so however slow or fast the machine, some are in flight. The output's end (a dead
                // child) ends the loop; nothing here is timed.
                while ((!allStarted || completions.get() < 25) && (line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith("completed ") && !line.endsWith(" start")) {
                        completions.incrementAndGet();
                    } else if (line.equals("started " + INSTANCES)) {
                        allStarted = true;
                    }
                }
                assertTrue(child.isAlive(), () -> "the engine ended before it could be killed:\n" + output);
            } finally {
                watchdog.cancel(false);
                child.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed on the way out
                child.waitFor(30, TimeUnit.SECONDS);
            }
            assertTrue(allStarted && completions.get() >= 25, () -> "too little progress before the kill:\n" + output);

            try (var fixture = new ProcessFixture(kind, temp)) {
                List<InstanceSummary> before = fixture.service.list();
                assertFalse(before.stream().allMatch(s -> s.state().equals("completed")), "some instances were still in flight when killed");
                // The clerk approves every work item the new engine (or the old one) offered, until all are done.
                Set<String> approved = new TreeSet<>();
                // Looked at again after every commit of the new engine: each offer is one.
                fixture.eventually(() -> {
                    for (var item : fixture.service.inbox("clerk")) {
                        String key = item.entry().instance() + "/" + item.entry().object();
                        if ("offered".equals(item.objectState()) && approved.add(key)) {
                            fixture.service.complete(item.entry().instance(), item.entry().object(), Map.of());
                        }
                    }
                    return fixture.service.list().stream().allMatch(s -> s.state().equals("completed"));
                }, () -> "every instance completed; approved " + approved);
                fixture.quiet();
                List<InstanceSummary> after = fixture.service.list();
                assertEquals(INSTANCES, after.size());
                for (InstanceSummary instance : after) {
                    assertEquals("completed", instance.state(), instance.id() + ": " + fixture.events(instance.id()));
                    List<String> completed = fixture.entered(instance.id(), "completed").stream().filter(ACTIVITIES::contains).toList();
                    assertEquals(ACTIVITIES, completed, instance.id() + ": every activity completed exactly once, in order");
                }
                var keys = new TreeSet<String>();
                webhook.received().forEach(request -> keys.add(request.idempotencyKey()));
                assertEquals(INSTANCES, keys.size(), "one notification per work item reached the webhook (repeats share a key)");
                assertEquals(INSTANCES, approved.size());
                assertTrue(fixture.service.engine().store().pendingOutbox().isEmpty(), "nothing left undelivered");
            }
        }
    }
}
