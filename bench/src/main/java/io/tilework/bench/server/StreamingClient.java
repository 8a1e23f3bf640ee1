package io.tilework.bench.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One client holding the event stream ({@code /api/events}) open, with a connection of its own;
 * records each event's delivery latency (now minus its id, the publish time). A stream that ends
 * or drops the client before {@link #stop()} is an error.
 */
final class StreamingClient implements Runnable {

    private final URI base;
    private final Latencies latencies;
    private final AtomicLong events;
    private final Failures failures;
    private final BooleanSupplier running;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    StreamingClient(URI base, Latencies latencies, AtomicLong events, Failures failures, BooleanSupplier running) {
        this.base = base;
        this.latencies = latencies;
        this.events = events;
        this.failures = failures;
        this.running = running;
    }

    @Override
    public void run() {
        try {
            HttpResponse<InputStream> response = client.send(SseEvents.request(base.resolve("/api/events")),
                    HttpResponse.BodyHandlers.ofInputStream());
            String wrong = SseEvents.notAStream(response);
            if (wrong != null) {
                failures.add("GET /api/events: " + wrong);
                return;
            }
            try (InputStream body = response.body()) {
                SseEvents.read(body, this::received);
            }
            if (running.getAsBoolean()) {
                failures.add("GET /api/events: the stream ended while the load ran");
            }
        } catch (IOException e) {
            if (running.getAsBoolean()) {
                failures.add("GET /api/events: " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the stream: the client's connection is closed, its reader returns. */
    void stop() {
        client.shutdownNow();
    }

    private void received(SseEvents.Event event) {
        long now = System.currentTimeMillis();
        long published = SseEvents.publishedMillis(event);
        if ("dropped".equals(event.name())) {
            failures.add("GET /api/events: dropped: " + event.data());
        }
        if (published > 0) {
            events.incrementAndGet();
            latencies.add(now - published);
        }
    }
}
