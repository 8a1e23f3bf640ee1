package io.tilework.bench.server;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The event stream's delivery latency as a client sees it: reads {@code BASE/api/events} and, for
 * every event, takes now minus its id (the server's publish time, ms since the epoch; same machine,
 * same clock). Runs until stopped (SIGTERM, or the stream ends) and then prints one line:
 * {@code events=N p50_ms=.. p99_ms=.. max_ms=.. dropped=0|1 by_name=job:3,chunk:120,...}.
 *
 * <pre>java -cp tilework-bench.jar io.tilework.bench.server.EventLatency http://127.0.0.1:PORT</pre>
 */
public final class EventLatency {

    private final Latencies latencies = new Latencies();
    private final Map<String, Integer> byName = new TreeMap<>();
    private final AtomicBoolean dropped = new AtomicBoolean();
    private final AtomicBoolean printed = new AtomicBoolean();

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: EventLatency BASE_URL");
            System.exit(2);
        }
        var reader = new EventLatency();
        Runtime.getRuntime().addShutdownHook(new Thread(reader::print, "event-latency-summary"));
        reader.read(URI.create(args[0].replaceFirst("/$", "") + "/api/events"));
        reader.print();
    }

    private void read(URI events) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<InputStream> response = client.send(SseEvents.request(events),
                    HttpResponse.BodyHandlers.ofInputStream());
            String wrong = SseEvents.notAStream(response);
            if (wrong != null) {
                throw new IllegalStateException("GET " + events + ": " + wrong);
            }
            try (InputStream body = response.body()) {
                SseEvents.read(body, this::received);
            }
        }
    }

    private void received(SseEvents.Event event) {
        long now = System.currentTimeMillis();
        long published = SseEvents.publishedMillis(event);
        synchronized (byName) {
            byName.merge(event.name(), 1, Integer::sum);
        }
        if ("dropped".equals(event.name())) {
            dropped.set(true);
            System.err.println("event stream dropped this client: " + event.data());
        }
        if (published > 0) {
            latencies.add(now - published);
        }
    }

    private void print() {
        if (printed.getAndSet(true)) {
            return;
        }
        String names;
        synchronized (byName) {
            names = byName.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).reduce((a, b) -> a + "," + b).orElse("-");
        }
        System.out.println("events=" + latencies.count() + " " + latencies.summary("") + " dropped=" + (dropped.get() ? 1 : 0)
                + " by_name=" + names);
        System.out.flush();
    }
}
