package io.tilework.bench.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One client polling the API as the console does, with a connection of its own: every INTERVAL it
 * asks, in turn, for the running job ({@code /api/jobs/{id}}; the list while there is none), the
 * dashboard and the job list; each answer's latency (request sent to body read) is recorded, and
 * anything but a 200 or a failed request is an error.
 */
final class PollingClient implements Runnable {

    private static final String[] ROUTES = {"job", "/api/dashboard", "/api/jobs"};

    private final URI base;
    private final int first;
    private final Duration interval;
    private final Supplier<String> job;
    private final Latencies latencies;
    private final Failures failures;
    private final BooleanSupplier running;

    PollingClient(URI base, int first, Duration interval, Supplier<String> job, Latencies latencies, Failures failures, BooleanSupplier running) {
        this.base = base;
        this.first = first;
        this.interval = interval;
        this.job = job;
        this.latencies = latencies;
        this.failures = failures;
        this.running = running;
    }

    @Override
    public void run() {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build()) {
            long period = interval.toNanos();
            // spread over the interval, so the clients do not ask all at once
            long due = System.nanoTime() + ThreadLocalRandom.current().nextLong(period);
            for (int i = first; running.getAsBoolean(); i++) {
                pace(due);
                if (!running.getAsBoolean()) {
                    break;
                }
                ask(client, path(ROUTES[i % ROUTES.length]));
                due = Math.max(due + period, System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String path(String route) {
        if (!route.equals("job")) {
            return route;
        }
        String id = job.get();
        return id == null ? "/api/jobs" : "/api/jobs/" + id;
    }

    private void ask(HttpClient client, String path) throws InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            latencies.add((System.nanoTime() - start) / 1e6);
            if (response.statusCode() != 200) {
                failures.add("GET " + path + ": HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            failures.add("GET " + path + ": " + e);
        }
    }

    private static void pace(long due) throws InterruptedException {
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait)); // the client's rhythm, not a wait for a condition
        }
    }
}
