package io.tilework.bench.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /** The routes asked in turn, by the names the summary gives them. */
    static final List<String> ROUTES = List.of("job", "dashboard", "jobs");

    private final URI base;
    private final int first;
    private final Duration interval;
    private final Supplier<String> job;
    private final Latencies latencies;
    private final Map<String, Latencies> byRoute;
    private final Failures failures;
    private final BooleanSupplier running;

    /** {@code byRoute} holds a {@link Latencies} for each of {@link #ROUTES}; {@code latencies} gets every answer's too. */
    PollingClient(URI base, int first, Duration interval, Supplier<String> job, Latencies latencies, Map<String, Latencies> byRoute,
            Failures failures, BooleanSupplier running) {
        this.base = base;
        this.first = first;
        this.interval = interval;
        this.job = job;
        this.latencies = latencies;
        this.byRoute = byRoute;
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
                String route = ROUTES.get(i % ROUTES.size());
                ask(client, path(route), byRoute.get(route));
                due = Math.max(due + period, System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String path(String route) {
        return switch (route) {
            case "job" -> job.get() == null ? "/api/jobs" : "/api/jobs/" + job.get();
            case "dashboard" -> "/api/dashboard";
            default -> "/api/jobs";
        };
    }

    private void ask(HttpClient client, String path, Latencies route) throws InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            double millis = (System.nanoTime() - start) / 1e6;
            latencies.add(millis);
            route.add(millis);
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
