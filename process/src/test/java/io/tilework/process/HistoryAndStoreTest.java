package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.ProcessEngine;
import io.tilework.process.failure.StoreUnavailable;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.RuntimeObject;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.InMemoryProcessStore;
import io.tilework.process.store.SqliteProcessStore;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("history answers 'what was the state of X at time t'; a durable store reopens and agrees with memory; SQLite's schema version")
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class HistoryAndStoreTest {

    private static final String REVIEW = """
            model: review
            conformsTo: workflow
            Participant:
              alice: {}
            Activity:
              start: {kind: start}
              prepare: {kind: job, job: process.sleep, parameters: {result: {prepared: true}}}
              approve: {kind: human, participant: alice}
              end: {kind: end}
            Transition:
              t1: {source: start, target: prepare}
              t2: {source: prepare, target: approve}
              t3: {source: approve, target: end}
            """;

    /** The store this run of the class is on. */
    @Parameter
    StoreKind kind;

    @TempDir
    Path temp;

    @Test
    @DisplayName("the state at a past time is replayed from the log")
    void stateAtTime() throws Exception {
        try (var fixture = new ProcessFixture(kind, temp)) {
            // Transactions are stamped by the engine's clock, which moves only here.
            Instant beforeStart = fixture.clock.instant();
            fixture.advance(Duration.ofSeconds(1));
            String instance = fixture.deployAndStart(REVIEW);
            fixture.quiet();
            fixture.advance(Duration.ofSeconds(1));
            Instant whileWaiting = fixture.clock.instant();
            fixture.advance(Duration.ofSeconds(1));
            fixture.service.complete(instance, "WorkItem-1", Map.of("ok", true));
            fixture.quiet();

            assertNull(fixture.service.stateAt(instance, beforeStart), "it did not exist yet");
            InstanceState then = fixture.service.stateAt(instance, whileWaiting);
            assertEquals("running", then.state());
            assertEquals("waiting", then.object("approve").state());
            assertEquals("offered", then.object("WorkItem-1").state());
            assertEquals(true, then.variables().get("prepared"));
            assertNull(then.variables().get("ok"));
            InstanceState now = fixture.service.stateAt(instance, fixture.clock.instant());
            assertEquals(describe(fixture.state(instance)), describe(now), "replaying the whole log gives the current state");
            assertEquals("completed", now.state());
        }
    }

    @Test
    @DisplayName("a reopened store gives the same instances, from snapshots and the log after them")
    void reopen() throws Exception {
        kind.assumeDurable(); // a second engine on what the first committed
        String instance;
        String expected;
        try (var fixture = new ProcessFixture(kind, temp)) {
            instance = fixture.deployAndStart(REVIEW);
            fixture.quiet();
            expected = describe(fixture.state(instance));
        }
        try (var store = new StorePlace(kind, temp).openStore()) {
            assertTrue(store.snapshot(instance).isPresent());
            assertEquals(2, store.log(instance, 0).size(), "start, and the job's answer");
        }
        try (var fixture = new ProcessFixture(kind, temp)) {
            assertEquals(expected, describe(fixture.state(instance)));
            var outcome = fixture.service.complete(instance, "WorkItem-1", Map.of());
            assertEquals(io.tilework.process.engine.Outcome.Status.APPLIED, outcome.status(), outcome.message());
            fixture.quiet();
            assertEquals("completed", fixture.state(instance).state());
        }
    }

    @Test
    @DisplayName("the schema version is recorded; a store from a newer Tilework is refused with a clear message")
    void schemaVersion() throws Exception {
        kind.assumeSqlite("its PRAGMA user_version"); // the PostgreSQL store's versions are PostgresProcessStoreTest's
        Path file = temp.resolve("versioned.db");
        SqliteProcessStore.open(file).close();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file); var statement = connection.createStatement()) {
            var rs = statement.executeQuery("PRAGMA user_version");
            rs.next();
            assertEquals(2, rs.getInt(1), "the schema after every migration");
            statement.execute("PRAGMA user_version = 99");
        }
        var refused = assertThrows(StoreUnavailable.class, () -> SqliteProcessStore.open(file));
        assertTrue(refused.getMessage().contains("schema version 99") && refused.getMessage().contains(file.toString()), refused.getMessage());
    }

    @Test
    @DisplayName("the in-memory store runs the same instance to the same state as a durable one")
    void inMemoryAgrees() throws Exception {
        kind.assumeDurable(); // memory is what the durable stores are compared with here
        String durable;
        try (var fixture = new ProcessFixture(kind, temp)) {
            String instance = fixture.deployAndStart(REVIEW);
            fixture.quiet();
            fixture.service.complete(instance, "WorkItem-1", Map.of("ok", true));
            fixture.quiet();
            durable = describe(fixture.state(instance));
        }
        try (ProcessService memory = ProcessService.open(new InMemoryProcessStore(), 2, Map.of())) {
            memory.deploy("review.yaml", REVIEW);
            String instance = memory.start("review", Map.of()).instance();
            memory.awaitQuiescence(java.time.Duration.ofSeconds(30));
            memory.complete(instance, "WorkItem-1", Map.of("ok", true));
            memory.awaitQuiescence(java.time.Duration.ofSeconds(30));
            ProcessEngine engine = memory.engine();
            assertEquals(durable, describe(engine.state(instance)));
        }
    }

    private static String describe(InstanceState state) {
        var objects = new TreeMap<String, String>();
        for (RuntimeObject object : state.objects()) {
            objects.put(object.id(), object.state() + " " + new TreeMap<>(object.attributes()));
        }
        return state.state() + " " + new TreeMap<>(state.variables()) + " " + objects;
    }
}
