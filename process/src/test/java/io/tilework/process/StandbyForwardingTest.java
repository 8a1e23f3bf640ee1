package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.runtime.RuntimeObject;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.LogRecord;
import io.tilework.process.store.PostgresLocation;
import io.tilework.testkit.PostgresServerPerClass;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("a standby engine on a shared PostgreSQL database forwards its commands to the active one, and takes over when it loses its connection")
class StandbyForwardingTest {

    @RegisterExtension
    static final PostgresServerPerClass POSTGRES = new PostgresServerPerClass();

    private static PostgresLocation freshDatabase(String name) {
        return PostgresLocation.parse(POSTGRES.server().createDatabase(name)).withPassword(POSTGRES.server().password());
    }

    static final String REVIEW = """
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

    @Test
    @DisplayName("start and complete sent to the standby: applied by the active engine, the outcome returned, the history the same from both")
    void standbyForwards() throws Exception {
        PostgresLocation database = freshDatabase("forwarding");
        try (ProcessService active = ProcessService.open(database, 2);
             ProcessService standby = ProcessService.open(database, 2)) {
            assertTrue(active.active(), "the first engine on the database leads");
            assertFalse(standby.active(), "the second one stands by");
            // Deployed through the standby: the store is shared, the active engine reads the model from it.
            standby.deploy("review.yaml", REVIEW);

            Outcome started = standby.start("review", Map.of("amount", 2500L));
            assertEquals(Outcome.Status.APPLIED, started.status(), started::toString);
            assertEquals("running", started.state());
            String id = started.instance();
            assertTrue(active.list().stream().anyMatch(s -> s.id().equals(id)), "the active engine lists the instance the standby started");

            // Reads on the standby come from the database: the work item the active engine offered.
            assertTrue(active.awaitQuiescence(java.time.Duration.ofSeconds(30)));
            String workItem = standby.inbox("alice").stream().filter(item -> item.entry().instance().equals(id)).map(item -> item.entry().object())
                    .findFirst().orElseThrow(() -> new AssertionError("no work item for alice in the standby's inbox view"));
            Outcome completed = standby.complete(id, workItem, Map.of("ok", true));
            assertEquals(Outcome.Status.APPLIED, completed.status(), completed::toString);
            assertEquals("completed", completed.state());

            // The same event again (a client retrying): not applied — the instance has ended — and the standby says so.
            Outcome again = standby.complete(id, workItem, Map.of("ok", true));
            assertEquals(Outcome.Status.IGNORED, again.status(), again::toString);

            List<LogRecord> fromActive = active.history(id);
            List<LogRecord> fromStandby = standby.history(id);
            assertEquals(fromActive, fromStandby, "one history, whichever engine is asked");
            assertEquals(1, fromActive.stream().filter(r -> r.event().equals("complete") && r.status().equals("applied")).count(),
                    () -> "one applied completion: " + fromActive);
            assertEquals("completed", standby.show(id).state().state());
            RuntimeObject item = standby.show(id).state().object(workItem);
            assertEquals("completed", item.state());
        }
    }

    static final String DONE_SPEC = """
            metamodel: done-workflow
            extends: workflow
            triggers:
              - name: the end says done
                on: workflowEnded
                when: "self.state == 'completed'"
                do:
                  - variables: {done: "true"}
            """;

    @Test
    @DisplayName("a specification deployed through one engine is known to the other: a model of it deployed there, its instances run by the active engine")
    void deploysSeenByBoth() throws Exception {
        PostgresLocation database = freshDatabase("deploys");
        try (ProcessService active = ProcessService.open(database, 2);
             ProcessService standby = ProcessService.open(database, 2)) {
            assertTrue(active.active());
            standby.deploy("done.yaml", DONE_SPEC);
            // Validated and deployed on the active engine, which did not deploy its specification.
            active.deploy("quick.yaml", REVIEW.replace("model: review", "model: quick").replace("conformsTo: workflow", "conformsTo: done-workflow"));
            for (ProcessService service : List.of(standby, active)) {
                Outcome started = service.start("quick", Map.of());
                assertEquals(Outcome.Status.APPLIED, started.status(), started::toString);
                assertTrue(active.awaitQuiescence(java.time.Duration.ofSeconds(30)));
                String item = service.show(started.instance()).state().objects().stream()
                        .filter(o -> o.type().equals("WorkItem") && o.state().equals("offered")).map(RuntimeObject::id).findFirst().orElseThrow();
                Outcome completed = service.complete(started.instance(), item, Map.of());
                assertEquals("completed", completed.state(), completed::toString);
                assertEquals(true, service.show(started.instance()).state().variables().get("done"),
                        "the instance ran the deployed specification, not the plain workflow pack");
            }
        }
    }

    @Test
    @DisplayName("the active engine's connection is terminated (pg_terminate_backend): it stands down, the standby leads within 10 s, commands to either go on")
    void connectionLostTakesOver() throws Exception {
        PostgresLocation database = freshDatabase("connection_lost");
        try (ProcessService first = ProcessService.open(database, 2);
             ProcessService second = ProcessService.open(database, 2)) {
            assertTrue(first.active());
            assertFalse(second.active());
            first.deploy("review.yaml", REVIEW);
            String before = first.start("review", Map.of()).instance();

            long epochBefore = epoch(database);
            int terminated = terminateLeadersSession(database);
            assertEquals(1, terminated, "one session holds the leadership lock");
            long cut = System.nanoTime();
            // The first engine finds its session gone and stands down; whichever engine then gets the lock first leads
            // (the first one reconnects and tries too).
            ProcessService leader = awaitLeader(List.of(first, second), epochBefore, TimeUnit.SECONDS.toNanos(10));
            double seconds = (System.nanoTime() - cut) / 1e9;
            assertTrue(leader != null, "an engine leads within 10 s of the cut");
            if (leader == second) {
                // The deposed engine finds its session gone at its next check (until then the fencing keeps it from writing).
                assertTrue(first.engine().awaitStandby(java.time.Duration.ofSeconds(3)), "the deposed engine stands down");
            }
            assertFalse(first.active() && second.active(), "one leader");
            System.out.printf("a new leader (%s) %.2f s after the active engine's session was terminated%n",
                    leader == first ? "the same engine" : "the standby", seconds);

            // Commands through both go on: one runs them, the other forwards them.
            for (ProcessService service : List.of(first, second)) {
                Outcome started = service.start("review", Map.of());
                assertEquals(Outcome.Status.APPLIED, started.status(), started::toString);
            }
            assertEquals(3, second.list().size(), () -> "every start committed once: " + second.list());
            assertTrue(first.list().stream().anyMatch(s -> s.id().equals(before)));
        }
    }

    @Test
    @DisplayName("fencing: once another term has begun, the engine that led before cannot commit; it stands down, leads again in a new term, and nothing was written twice")
    void deposedLeaderIsFenced() throws Exception {
        PostgresLocation database = freshDatabase("fencing");
        try (ProcessService engine = ProcessService.open(database, 2)) {
            assertTrue(engine.active());
            engine.deploy("review.yaml", REVIEW);
            engine.start("review", Map.of());
            long term = engine.term();
            // What a successor does on taking over, while this engine still believes it leads (it has not checked yet).
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.connectionProperties());
                 Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE leadership SET epoch = epoch + 1 WHERE id = 1");
            }
            var refused = org.junit.jupiter.api.Assertions.assertThrows(io.tilework.process.failure.StoreUnavailable.class,
                    () -> engine.start("review", Map.of()));
            assertTrue(refused.getMessage().contains("no longer leads"), refused.getMessage());
            assertEquals(1, engine.list().size(), "the fenced batch wrote nothing");

            assertTrue(engine.engine().awaitStandby(java.time.Duration.ofSeconds(5)), "it stands down");
            assertTrue(engine.awaitActive(java.time.Duration.ofSeconds(10)), "and leads again once the lock is free");
            assertTrue(engine.term() > term + 1, "in a term after the one that fenced it: " + engine.term());
            Outcome again = engine.start("review", Map.of());
            assertEquals(Outcome.Status.APPLIED, again.status(), again::toString);
            assertEquals(2, engine.list().size());
        }
    }

    @Test
    @DisplayName("an engine closed gives leadership up at once: the next one opened on the database leads as soon as it is open")
    void closedEngineHandsOver() throws Exception {
        PostgresLocation database = freshDatabase("hand_over");
        for (int i = 0; i < 3; i++) {
            try (ProcessService engine = ProcessService.open(database, 1)) {
                assertTrue(engine.active(), "engine " + i + " leads when open returns");
            }
        }
    }

    /** The first of {@code services} that leads in a term after {@code term}, waiting up to {@code nanos}; null if none does by then. */
    static ProcessService awaitLeader(List<ProcessService> services, long term, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (System.nanoTime() < deadline) {
            for (ProcessService service : services) {
                // Leadership is taken on the engines' own threads: wait on each one's in turn, briefly.
                if (service.awaitActive(java.time.Duration.ofMillis(50)) && service.term() > term) {
                    return service;
                }
            }
        }
        return null;
    }

    static long epoch(PostgresLocation database) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.connectionProperties());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT epoch FROM leadership WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Terminates the session holding the engines' leadership lock, as a DBA or a network cut would; returns how many were. */
    static int terminateLeadersSession(PostgresLocation database) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.connectionProperties());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                     + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND pid <> pg_backend_pid()")) {
            int count = 0;
            while (rs.next()) {
                count += rs.getBoolean(1) ? 1 : 0;
            }
            return count;
        }
    }
}
