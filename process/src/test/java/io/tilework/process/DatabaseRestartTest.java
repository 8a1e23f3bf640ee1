package io.tilework.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.process.engine.Outcome;
import io.tilework.process.failure.StoreUnavailable;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.RuntimeObject;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.LogRecord;
import io.tilework.process.store.PostgresLocation;
import io.tilework.testkit.PostgresServerPerClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("PostgreSQL restarted (pg_ctl restart) under a running engine and 8 clients: retryable errors meanwhile, nothing lost, nothing applied twice")
class DatabaseRestartTest {

    private static final int CLIENTS = 8;
    private static final int INSTANCES_PER_CLIENT = 2;
    private static final int STEPS = 25;

    @RegisterExtension
    static final PostgresServerPerClass POSTGRES = new PostgresServerPerClass();

    /** STEPS human activities one after the other: each completion is one event the log must hold once, in its place. */
    private static String chain() {
        var model = new StringBuilder("model: chain\nconformsTo: workflow\nParticipant:\n  clerk: {}\nActivity:\n  start: {kind: start}\n");
        for (int i = 1; i <= STEPS; i++) {
            model.append("  s").append(i).append(": {kind: human, participant: clerk}\n");
        }
        model.append("  end: {kind: end}\nTransition:\n");
        for (int i = 0; i <= STEPS; i++) {
            model.append("  t").append(i).append(": {source: ").append(i == 0 ? "start" : "s" + i).append(", target: ")
                    .append(i == STEPS ? "end" : "s" + (i + 1)).append("}\n");
        }
        return model.toString();
    }

    @Test
    @DisplayName("every instance's log has each completion exactly once, in order; the engine reconnected by itself")
    void restartMidRun() throws Exception {
        PostgresLocation database = PostgresLocation.parse(POSTGRES.server().createDatabase("restart")).withPassword(POSTGRES.server().password());
        try (ProcessService service = ProcessService.open(database, 2)) {
            assertTrue(service.active());
            service.deploy("chain.yaml", chain());
            AtomicInteger applied = new AtomicInteger();
            AtomicInteger retried = new AtomicInteger();
            var failures = new ConcurrentLinkedQueue<String>();
            var third = new CountDownLatch(CLIENTS * INSTANCES_PER_CLIENT * STEPS / 3);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<List<String>>> started = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                started.add(clients.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < INSTANCES_PER_CLIENT; i++) {
                        mine.add(retrying(() -> service.start("chain", Map.of()), retried).instance());
                    }
                    for (int step = 1; step <= STEPS; step++) {
                        for (String instance : mine) {
                            complete(service, instance, step, retried, failures);
                            applied.incrementAndGet();
                            third.countDown();
                        }
                    }
                    return mine;
                }));
            }
            assertTrue(third.await(120, TimeUnit.SECONDS), "a third of the completions before the restart");
            long restarting = System.nanoTime();
            POSTGRES.server().restart(); // -m fast: every connection is cut mid-command
            System.out.printf("PostgreSQL restarted in %.2f s with %d of %d completions applied%n", (System.nanoTime() - restarting) / 1e9,
                    applied.get(), CLIENTS * INSTANCES_PER_CLIENT * STEPS);

            List<String> instances = new ArrayList<>();
            for (Future<List<String>> client : started) {
                instances.addAll(client.get(180, TimeUnit.SECONDS));
            }
            clients.shutdown();
            assertTrue(failures.isEmpty(), () -> "clients failed: " + failures);
            assertTrue(retried.get() > 0, "the restart was felt: some commands failed as retryable and were retried");
            assertTrue(service.awaitActive(Duration.ofSeconds(10)), "the same engine serves again, reopened by nobody");
            System.out.printf("%d commands retried after a retryable failure; term now %d%n", retried.get(), service.term());

            for (String instance : instances) {
                List<LogRecord> history = service.history(instance);
                List<Long> steps = history.stream().filter(r -> r.event().equals("complete") && r.status().equals("applied"))
                        .map(r -> ((Number) ((Map<?, ?>) r.payload().get("variables")).get("step")).longValue()).toList();
                assertEquals(IntStream.rangeClosed(1, STEPS).mapToObj(i -> (long) i).toList(), steps, () -> instance + ": each completion once, in order: " + history);
                assertEquals("completed", service.show(instance).state().state(), instance);
            }
        }
    }

    /** Completes the work item offered for {@code step}, retrying on a retryable failure; a retry the model turns down was applied already. */
    private static void complete(ProcessService service, String instance, int step, AtomicInteger retried, ConcurrentLinkedQueue<String> failures) {
        String item = retrying(() -> offered(service, instance), retried);
        Outcome outcome = retrying(() -> service.complete(instance, item, Map.of("step", (long) step)), retried);
        if (outcome.status() == Outcome.Status.APPLIED) {
            return;
        }
        // Only a retry may be turned down: the attempt that failed as retryable had been committed after all.
        InstanceState state = retrying(() -> service.engine().state(instance), retried);
        Object done = state.variables().get("step");
        if (!(outcome.status() == Outcome.Status.REJECTED && done instanceof Number n && n.longValue() == step)) {
            failures.add(instance + " step " + step + ": " + outcome + " (variables " + state.variables() + ")");
        }
    }

    private static String offered(ProcessService service, String instance) {
        InstanceState state = service.engine().state(instance);
        return state.objects().stream().filter(o -> o.type().equals("WorkItem") && o.state().equals("offered")).map(RuntimeObject::id)
                .findFirst().orElseThrow(() -> new AssertionError(instance + " offers no work item: " + state.objects()));
    }

    /** Runs {@code call} until it does not fail as retryable (StoreUnavailable), as a client would. */
    private static <T> T retrying(java.util.function.Supplier<T> call, AtomicInteger retried) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                return call.get();
            } catch (StoreUnavailable e) {
                retried.incrementAndGet();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(100); // a client's back-off before it retries
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
