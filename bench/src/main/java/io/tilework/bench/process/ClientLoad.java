package io.tilework.bench.process;

import io.tilework.process.engine.Outcome;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.ProcessStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine under CLIENTS clients, on one store kind per run: each client is a thread that drives
 * its own {@value #INSTANCES_PER_CLIENT} instances, each waiting in a receive activity that loops on
 * itself, by sending the signal that completes the activity and waiting for its outcome (the future
 * completes after the commit) before it sends the next: a closed loop, one command in flight per
 * client. A completion is one such activity completed by a client's event; its latency is from
 * sending the event to the outcome of its committed transaction.
 *
 * <p>First, once, {@value #FIRST_WARM_UP_SECONDS} s of {@value #FIRST_WARM_UP_CLIENTS} clients unmeasured: the JIT
 * compiles the engine's hot code (a server runs for days; its first seconds are not its throughput).
 * Then for each number of clients (in the order given) the clients first run {@value #WARM_UP_SECONDS} s
 * unmeasured (the store's caches, the group commit's rhythm), then SECONDS s measured; the
 * rate is the completions of the measured window over its length (from its start to the last client's
 * last outcome). Prints one line per number of clients:
 * {@code store=... clients=... completions=... seconds=... per_second=... p50_ms=... p99_ms=... max_ms=...}.
 *
 * <pre>java -cp tilework-bench.jar io.tilework.bench.process.ClientLoad sqlite|memory|postgresql WORK_DIR SECONDS CLIENTS[,CLIENTS...]</pre>
 */
public final class ClientLoad {

    private static final int INSTANCES_PER_CLIENT = 4;
    private static final int WARM_UP_SECONDS = 3;
    private static final int FIRST_WARM_UP_SECONDS = 10;
    private static final int FIRST_WARM_UP_CLIENTS = 8;

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ClientLoad sqlite|memory|postgresql WORK_DIR SECONDS CLIENTS[,CLIENTS...]");
            System.exit(2);
        }
        String kind = args[0];
        Path work = Path.of(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int[] clientCounts = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        ProcessStore store = FreshStore.open(kind, work, "process-clients.db");
        try (ProcessService service = ProcessService.open(store, 2, Map.of())) {
            service.deploy("ticker.yaml", ProcessThroughput.ticker());
            run(clients(service, FIRST_WARM_UP_CLIENTS), FIRST_WARM_UP_SECONDS);
            for (int clients : clientCounts) {
                List<Client> running = clients(service, clients);
                run(running, WARM_UP_SECONDS);
                long begin = System.nanoTime();
                long end = run(running, seconds);
                double elapsed = (end - begin) / 1e9;
                double[] latencies = running.stream().flatMapToDouble(c -> Arrays.stream(c.latencies, 0, c.count)).sorted().toArray();
                System.out.printf(Locale.ROOT, "store=%s clients=%d completions=%d seconds=%.3f per_second=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f%n",
                        kind, clients, latencies.length, elapsed, latencies.length / elapsed, percentile(latencies, 50),
                        percentile(latencies, 99), percentile(latencies, 100));
                System.out.flush();
            }
        }
    }

    /** Starts the clients' instances and waits until each waits for its signal. */
    private static List<Client> clients(ProcessService service, int count) throws InterruptedException {
        var clients = new ArrayList<Client>();
        for (int c = 0; c < count; c++) {
            var instances = new ArrayList<String>();
            for (int i = 0; i < INSTANCES_PER_CLIENT; i++) {
                Outcome started = service.start("ticker", Map.of());
                if (started.rejected()) {
                    throw new IllegalStateException("start rejected: " + started.message());
                }
                instances.add(started.instance());
            }
            clients.add(new Client(service, instances));
        }
        if (!service.awaitQuiescence(Duration.ofMinutes(1))) {
            throw new IllegalStateException("the engine did not settle within a minute of starting the clients' instances");
        }
        return clients;
    }

    /** Runs every client for {@code seconds} (each from zero, its earlier figures dropped); returns when the last ended. */
    private static long run(List<Client> clients, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        var threads = new ArrayList<Thread>();
        for (Client client : clients) {
            client.count = 0;
            threads.add(Thread.ofPlatform().name("client-" + threads.size()).start(() -> client.runUntil(deadline)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (Client client : clients) {
            if (client.failure != null) {
                throw new IllegalStateException("a client failed", client.failure);
            }
        }
        return System.nanoTime();
    }

    /** One client: sends a signal to its next instance, waits for the outcome, records the latency, again. */
    private static final class Client {
        private final ProcessService service;
        private final List<String> instances;
        /** Latencies in ms of this client's completions in the current run, in [0, count). */
        double[] latencies = new double[1 << 14];
        int count;
        volatile Throwable failure;

        Client(ProcessService service, List<String> instances) {
            this.service = service;
            this.instances = instances;
        }

        void runUntil(long deadline) {
            try {
                for (int n = 0; System.nanoTime() < deadline; n++) {
                    long sent = System.nanoTime();
                    Outcome outcome = service.engine().send(instances.get(n % instances.size()), "signal", "ticker", Map.of("name", "tick"))
                            .get(1, TimeUnit.MINUTES);
                    double ms = (System.nanoTime() - sent) / 1e6;
                    if (outcome.status() != Outcome.Status.APPLIED) {
                        throw new IllegalStateException("signal not applied: " + outcome);
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = ms;
                }
            } catch (Exception | AssertionError e) {
                failure = e;
            }
        }
    }

    private static double percentile(double[] sorted, int percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
