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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the PostgreSQL store keeps what the engine commits, across engines")
class PostgresProcessStoreTest {

    @RegisterExtension
    static final PostgresServerPerClass POSTGRES = new PostgresServerPerClass();

    private static PostgresLocation freshDatabase(String name) {
        return PostgresLocation.parse(POSTGRES.server().createDatabase(name)).withPassword(POSTGRES.server().password());
    }

    /** A review alice completes; an instance whose notification cannot be delivered (nobody listens on port 1) and whose work times out in an hour. */
    private static final String REVIEW = """
            model: review
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
            """;
    private static final String HELD = """
            model: held
            conformsTo: workflow
            Participant:
              carol: {webhook: "http://127.0.0.1:1/nobody"}
            Activity:
              start: {kind: start}
              approve: {kind: human, participant: carol, timeout: 1h}
              late: {kind: end}
              end: {kind: end}
            Transition:
              t1: {source: start, target: approve}
              t2: {source: approve, target: end}
              t3: {source: approve, target: late, outcome: timeout}
            """;

    @Test
    @DisplayName("deploy, start and complete on PostgreSQL; a new engine on the database recovers the same instances, history, outbox and timers")
    void recoversAcrossEngines() throws Exception {
        PostgresLocation location = freshDatabase("recovery");
        String review;
        String held;
        String reviewState;
        String heldState;
        List<LogRecord> reviewHistory;
        List<TimerEntry> timers;
        List<OutboxEntry> pending;
        try (var service = ProcessService.open(location, 2)) {
            service.deploy("review.yaml", REVIEW);
            service.deploy("held.yaml", HELD);
            review = started(service.start("review", Map.of("amount", 12)));
            assertTrue(service.awaitQuiescence(Duration.ofSeconds(30)));
            assertEquals(1, service.inbox("alice").size(), "alice was offered the work");
            assertEquals(Outcome.Status.APPLIED, service.complete(review, "WorkItem-1", Map.of("approved", true)).status());
            assertTrue(service.awaitQuiescence(Duration.ofSeconds(30)));
            assertEquals("completed", service.engine().state(review).state());

            held = started(service.start("held", Map.of()));
            eventually(() -> "offered".equals(service.engine().state(held).object("WorkItem-1").state())
                    && !service.engine().store().pendingOutbox(held).isEmpty() && !service.engine().store().timers().isEmpty());
            reviewState = StateCodec.snapshot(service.engine().state(review));
            heldState = StateCodec.snapshot(service.engine().state(held));
            reviewHistory = service.history(review);
            timers = service.engine().store().timers();
            pending = service.engine().store().pendingOutbox(held);
        }
        assertEquals(1, timers.size(), "the held work's timeout: " + timers);
        assertEquals(1, pending.size(), "carol's undeliverable notification: " + pending);

        try (var service = ProcessService.open(location, 2)) {
            assertEquals(reviewState, StateCodec.snapshot(service.engine().state(review)));
            assertEquals(heldState, StateCodec.snapshot(service.engine().state(held)));
            assertEquals(reviewHistory, service.history(review));
            assertEquals(timers, service.engine().store().timers());
            assertEquals(pending, service.engine().store().pendingOutbox(held));
            assertEquals(List.of(review, held), service.list().stream().map(InstanceSummary::id).toList());
            assertEquals("completed", service.inbox("alice").getFirst().objectState());
        }
    }

    @Test
    @DisplayName("spec and model versions, the instance counter and the schema version are the database's, seen by every store opened on it")
    void versionsAndCounters() {
        PostgresLocation location = freshDatabase("versions");
        try (var first = PostgresProcessStore.open(location); var second = PostgresProcessStore.open(location)) {
            assertEquals(1, first.saveSpec("s", List.of("a")));
            assertEquals(2, second.saveSpec("s", List.of("b")));
            assertEquals(1, first.saveSpec("t", List.of("c")));
            assertEquals(2, first.specVersion("s"));
            assertEquals(List.of("a"), second.spec("s", 1).orElseThrow());
            assertEquals(List.of("s", "t"), List.copyOf(second.specs().keySet()));
            assertEquals(List.of("b"), second.specs().get("s"));
            assertEquals(1, first.saveModel("m", "s", "one"));
            assertEquals(2, second.saveModel("m", "s", "two"));
            assertEquals("one", first.model("m", 1).orElseThrow().source());
            assertEquals("two", first.model("m", 0).orElseThrow().source());
            assertEquals(List.of(2), first.models().stream().map(StoredModel::version).toList());
            long a = first.nextInstanceNumber();
            long b = second.nextInstanceNumber();
            assertEquals(a + 1, b);
        }
        try (var again = PostgresProcessStore.open(location)) {
            assertTrue(again.nextInstanceNumber() > 2);
            assertFalse(again.specs().isEmpty());
        }
    }

    @Test
    @DisplayName("while an engine serves a database, check names its session and migrate and copy into it are refused; once it stops, they go")
    void theServingEngineIsSeen(@TempDir Path temp) {
        PostgresLocation location = freshDatabase("served");
        Path other = temp.resolve("other.db");
        try (var service = ProcessService.open(location, 2)) {
            assertTrue(service.active(), "alone on the database, the engine serves");
            String session = StoreCheck.check(location).activeEngine().orElseThrow(() -> new AssertionError("no active engine seen"));
            assertTrue(session.matches("pid \\d+, connected from 127\\.0\\.0\\.1"), session);
            var migrate = assertThrows(StoreUnavailable.class, () -> StoreCheck.migrate(location));
            assertTrue(migrate.getMessage().contains("an engine is running on") && migrate.getMessage().contains(session), migrate.getMessage());
            SqliteProcessStore.open(other).close();
            var copy = assertThrows(StoreUnavailable.class, () -> StoreCopy.copy(new StoreLocation.SqliteFile(other), location, true));
            assertTrue(copy.getMessage().contains(session), copy.getMessage());
        }
        assertTrue(StoreCheck.check(location).activeEngine().isEmpty(), "the engine closed: its session is gone");
        assertEquals(PostgresSchema.current(), StoreCheck.migrate(location).to());
        StoreCopy.copy(new StoreLocation.SqliteFile(other), location, true);
    }

    private static String started(Outcome outcome) {
        assertFalse(outcome.rejected(), () -> "start rejected: " + outcome.message());
        return outcome.instance();
    }

    /** Looks every 20 ms for at most 30 s: the state waited for comes from deliveries, which no commit listener here sees. */
    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not reached within 30 s");
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
