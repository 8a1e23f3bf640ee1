package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.InstanceSummary;
import io.tilework.process.store.LogRecord;
import io.tilework.process.store.PostgresLocation;
import io.tilework.testkit.PostgresServerPerClass;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("two engines in two JVMs on one PostgreSQL database: the active one killed (kill -9), the standby takes over and fires each pending timer once")
class FailoverTest {

    @TempDir
    static Path folder;
    @RegisterExtension
    static final PostgresServerPerClass POSTGRES = new PostgresServerPerClass();

    /** Each instance waits for a signal that never comes; its timeout (a timer) ends it in "late". */
    private static final String PATIENCE = """
            model: patience
            conformsTo: workflow
            Activity:
              start: {kind: start}
              wait: {kind: receive, message: go, timeout: 6s}
              end: {kind: end}
              late: {kind: end}
            Transition:
              t1: {source: start, target: wait}
              t2: {source: wait, target: end}
              t3: {source: wait, target: late, outcome: timeout}
            """;

    @Test
    @DisplayName("kill -9 of the active engine: the standby leads within 10 s, every pending timer fires exactly once, commands to the standby work before and after")
    void killedLeader_standbyTakesOver() throws Exception {
        String url = POSTGRES.server().createDatabase("failover");
        PostgresLocation database = PostgresLocation.parse(url).withPassword(POSTGRES.server().password());
        Path model = folder.resolve("patience.yaml");
        Files.writeString(model, PATIENCE);
        int instances = 6;

        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                FailoverEngineJvm.class.getName(), url, model.toString(), Integer.toString(instances))
                .redirectError(folder.resolve("active-engine.log").toFile());
        builder.environment().put("PGPASSWORD", POSTGRES.server().password()); // as a user's engine gets it: never on the command line
        Process active = builder.start();
        var watchdog = java.util.concurrent.CompletableFuture.runAsync(active::destroyForcibly,
                java.util.concurrent.CompletableFuture.delayedExecutor(120, TimeUnit.SECONDS));
        try {
            var out = new BufferedReader(new InputStreamReader(active.getInputStream(), StandardCharsets.UTF_8));
            String started = out.readLine();
            assertNotNull(started, () -> "the active engine ended first: " + log());
            assertTrue(started.startsWith("started " + instances), () -> started + "\n" + log());

            try (ProcessService standby = ProcessService.open(database, 2)) {
                assertFalse(standby.active(), "the engine in the other JVM leads; this one stands by");
                long termBefore = Long.parseLong(started.substring(started.lastIndexOf(' ') + 1));
                Set<String> timedOut = ConcurrentHashMap.newKeySet();
                var allFired = new CountDownLatch(instances + 3); // those started before the kill, one during the takeover, one after
                standby.engine().subscribe(record -> {
                    if (record.event().equals("timedOut") && record.status().equals("applied") && timedOut.add(record.instance())) {
                        allFired.countDown();
                    }
                });

                // Before the kill: a start sent to the standby is run by the active engine (its timer is then pending there too).
                Outcome forwarded = standby.start("patience", Map.of("number", (long) instances));
                assertEquals(Outcome.Status.APPLIED, forwarded.status(), forwarded::toString);
                assertEquals("running", forwarded.state());
                List<InstanceSummary> before = standby.list();
                assertEquals(instances + 1, before.size());
                assertTrue(before.stream().allMatch(s -> s.state().equals("running")), () -> "no timer fired before the kill: " + before);

                active.destroyForcibly(); // SIGKILL: its session ends with its socket, the server drops its lock
                assertTrue(active.waitFor(30, TimeUnit.SECONDS), "the killed JVM ended");
                long killed = System.nanoTime();
                // Sent while nobody leads (the standby has not taken over yet): it waits in the database for the next leader.
                var during = java.util.concurrent.CompletableFuture.supplyAsync(() -> standby.start("patience", Map.of("number", -1L)));
                assertTrue(standby.awaitActive(Duration.ofSeconds(10)), "the standby leads within 10 s of the kill");
                double failover = (System.nanoTime() - killed) / 1e9;
                assertTrue(standby.term() > termBefore, "a new term: " + standby.term() + " after " + termBefore);
                System.out.printf("the standby led %.2f s after the active engine was killed%n", failover);

                Outcome taken = during.get(60, TimeUnit.SECONDS);
                assertEquals(Outcome.Status.APPLIED, taken.status(), taken::toString);

                // After: commands go on at the new active engine.
                Outcome after = standby.start("patience", Map.of("number", (long) instances + 1));
                assertEquals(Outcome.Status.APPLIED, after.status(), after::toString);

                assertTrue(allFired.await(30, TimeUnit.SECONDS), () -> "every pending timer fired on the new active engine: " + timedOut);
                assertTrue(standby.awaitQuiescence(Duration.ofSeconds(30)));
                assertEquals(instances + 3, standby.list().size());
                for (InstanceSummary instance : standby.list()) {
                    List<LogRecord> history = standby.history(instance.id());
                    assertEquals(1, history.stream().filter(r -> r.event().equals("timedOut")).count(),
                            () -> instance.id() + " has one timedOut record: " + history);
                    assertEquals("completed", standby.show(instance.id()).state().state(), instance.id());
                }
            }
        } finally {
            watchdog.cancel(false);
            active.destroyForcibly();
        }
    }

    private static String log() {
        try {
            return Files.readString(folder.resolve("active-engine.log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
