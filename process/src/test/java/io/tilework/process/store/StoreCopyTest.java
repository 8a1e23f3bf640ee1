package io.tilework.process.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.failure.StoreUnavailable;
import io.tilework.process.service.ProcessService;
import io.tilework.testkit.PostgresServerPerClass;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a store copied SQLite -> PostgreSQL -> SQLite keeps everything, and its instances go on")
class StoreCopyTest {

    @RegisterExtension
    static final PostgresServerPerClass POSTGRES = new PostgresServerPerClass();

    @TempDir
    Path temp;

    private static final String AUDITED = """
            metamodel: audited-workflow
            extends: workflow
            triggers:
              - name: audit every ended activity
                on: activityEnded
                async: true
                do:
                  - set: {audited: true}
            """;
    /** alice approves; the work times out after an hour. */
    private static final String REVIEW = """
            model: review
            conformsTo: audited-workflow
            Participant:
              alice: {}
            Activity:
              start: {kind: start}
              approve: {kind: human, participant: alice, timeout: 1h}
              late: {kind: end}
              end: {kind: end}
            Transition:
              t1: {source: start, target: approve}
              t2: {source: approve, target: end}
              t3: {source: approve, target: late, outcome: timeout}
            """;
    /** Nobody listens on port 1: the notification stays in the outbox. */
    private static final String HELD = """
            model: held
            conformsTo: workflow
            Participant:
              carol: {webhook: "http://127.0.0.1:1/nobody"}
            Activity:
              start: {kind: start}
              approve: {kind: human, participant: carol}
              end: {kind: end}
            Transition:
              t1: {source: start, target: approve}
              t2: {source: approve, target: end}
            """;

    /** A clock that moves only when the test moves it: the copied timers fall due when the test says. */
    private static final class Clock implements InstantSource {
        final AtomicLong millis = new AtomicLong(Instant.parse("2026-03-01T08:00:00Z").toEpochMilli());

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    @DisplayName("specs and models in every version, instances with their logs and snapshots, outbox, timers, inboxes and counters; "
            + "on the copy a timer fires and a work item completes")
    void roundTrip() throws Exception {
        var clock = new Clock();
        Path original = temp.resolve("original.db");
        String completed;
        String waiting;
        String timed;
        String held;
        try (var service = ProcessService.open(original, 2, clock)) {
            service.deploy("audited.yaml", AUDITED);
            service.deploy("audited.yaml", AUDITED + "# version 2\n");
            service.deploy("review.yaml", REVIEW);
            service.deploy("review.yaml", REVIEW + "# version 2\n");
            service.deploy("held.yaml", HELD);
            completed = started(service.start("review", Map.of("amount", 1)));
            waiting = started(service.start("review", Map.of("amount", 2)));
            timed = started(service.start("review", Map.of("amount", 3)));
            assertTrue(service.awaitQuiescence(Duration.ofSeconds(30)));
            assertEquals(Outcome.Status.APPLIED, service.complete(completed, "WorkItem-1", Map.of("approved", true)).status());
            assertTrue(service.awaitQuiescence(Duration.ofSeconds(30)));
            assertEquals("completed", service.engine().state(completed).state());
            held = started(service.start("held", Map.of()));
            eventually(() -> !service.engine().store().pendingOutbox(held).isEmpty()
                    && "offered".equals(service.engine().state(held).object("WorkItem-1").state()));
        }
        List<String> actors = List.of("alice", "carol");
        String before;
        try (var store = SqliteProcessStore.open(original)) {
            before = content(store, actors);
            assertEquals(2, store.timers().size(), "the two open reviews' timeouts: " + store.timers());
            assertEquals(1, store.pendingOutbox().size(), "carol's notification: " + store.pendingOutbox());
        }

        PostgresLocation database = PostgresLocation.parse(POSTGRES.server().createDatabase("copied")).withPassword(POSTGRES.server().password());
        var toPostgres = StoreCopy.copy(new StoreLocation.SqliteFile(original), database, false);
        assertEquals(4, toPostgres.rows().get("instances"));
        Path back = temp.resolve("back.db");
        StoreCopy.copy(database, new StoreLocation.SqliteFile(back), false);
        try (var store = PostgresProcessStore.open(database)) {
            assertEquals(before, content(store, actors), "SQLite -> PostgreSQL");
        }
        try (var store = SqliteProcessStore.open(back)) {
            assertEquals(before, content(store, actors), "SQLite -> PostgreSQL -> SQLite");
        }

        // A target that holds instances is refused, unless told to replace them.
        var refused = assertThrows(StoreUnavailable.class, () -> StoreCopy.copy(new StoreLocation.SqliteFile(original), database, false));
        assertTrue(refused.getMessage().contains("--replace"), refused.getMessage());
        StoreCopy.copy(new StoreLocation.SqliteFile(original), database, true);
        try (var store = PostgresProcessStore.open(database)) {
            assertEquals(before, content(store, actors), "copied again with --replace");
        }

        // The instances go on on the copy: alice completes one review, the other's timeout fires an hour later.
        try (var service = ProcessService.open(database, 2, clock)) {
            // While an engine serves the copy, nothing is copied into it.
            var served = assertThrows(StoreUnavailable.class, () -> StoreCopy.copy(new StoreLocation.SqliteFile(original), database, true));
            assertTrue(served.getMessage().contains("an engine is running on the target"), served.getMessage());
            try (var store = PostgresProcessStore.open(database)) {
                assertEquals(before, content(store, actors), "the refused copy changed nothing");
            }
            assertEquals(Outcome.Status.APPLIED, service.complete(waiting, "WorkItem-1", Map.of("approved", true)).status());
            eventually(() -> "completed".equals(service.engine().state(waiting).state()));
            assertEquals("completed", service.engine().state(waiting).object("end").state());
            clock.millis.addAndGet(Duration.ofHours(1).toMillis());
            service.engine().clockMoved();
            eventually(() -> "completed".equals(service.engine().state(timed).state()));
            assertEquals("completed", service.engine().state(timed).object("late").state(), "the timeout path was taken");
            assertTrue(service.engine().store().timers().isEmpty(), "both timers are gone: " + service.engine().store().timers());
            String next = started(service.start("review", Map.of("amount", 4)));
            assertFalse(List.of(completed, waiting, timed, held).contains(next), "the copied counter gives a new id: " + next);
        }
    }

    /** Everything a store holds, as text: what two stores with the same content print alike. */
    private static String content(ProcessStore store, List<String> actors) {
        var lines = new ArrayList<String>();
        store.specs().forEach((name, sources) -> {
            for (int version = 1; version <= store.specVersion(name); version++) {
                lines.add("spec " + name + " " + version + " " + store.spec(name, version).orElseThrow());
            }
        });
        for (StoredModel newest : store.models()) {
            for (int version = 1; version <= newest.version(); version++) {
                lines.add("model " + store.model(newest.name(), version).orElseThrow());
            }
        }
        for (InstanceSummary instance : store.instances()) {
            lines.add("instance " + instance);
            store.log(instance.id(), 0).forEach(record -> lines.add("  log " + record));
            store.snapshot(instance.id()).ifPresent(state -> lines.add("  snapshot " + StateCodec.snapshot(state)));
            store.children(instance.id()).forEach(child -> lines.add("  child " + child.id()));
        }
        store.pendingOutbox().forEach(entry -> lines.add("outbox " + entry));
        store.timers().forEach(timer -> lines.add("timer " + timer));
        actors.forEach(actor -> store.inbox(actor).forEach(entry -> lines.add("inbox " + entry)));
        return String.join("\n", lines);
    }

    private static String started(Outcome outcome) {
        assertFalse(outcome.rejected(), () -> "start rejected: " + outcome.message());
        return outcome.instance();
    }

    /** Looks every 20 ms for at most 30 s: deliveries and timers change the instances outside this thread. */
    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not reached within 30 s");
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
