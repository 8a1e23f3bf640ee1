package io.tilework.server.api;

import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.tilework.server.events.EventHub;
import io.tilework.server.events.ServerEvent;
import io.tilework.server.events.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/events}: Server-Sent Events of jobs, chunks, pools, caches and processes, filtered
 * by job or instance. Each client is fed by a thread of its own from its bounded queue; one that
 * falls behind gets a {@code dropped} event and is closed, and never slows the engine.
 */
final class EventRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(EventRoutes.class);
    static final int QUEUE = 2_048;
    private static final long KEEP_ALIVE_MILLIS = 15_000;

    private final EventHub hub;

    EventRoutes(EventHub hub) {
        this.hub = hub;
    }

    List<Endpoint> endpoints() {
        return List.of(Endpoint.sse("/api/events", "a stream of job, chunk, pool, cache and process events (text/event-stream)")
                .tag("events").query("job", "instance").handle(new SseHandler(this::stream)));
    }

    private void stream(SseClient client) {
        String job = client.ctx().queryParam("job");
        String instance = client.ctx().queryParam("instance");
        Predicate<ServerEvent> filter = job == null && instance == null ? e -> true
                : e -> (job != null && Objects.equals(job, e.job())) || (instance != null && Objects.equals(instance, e.instance()));
        Subscription subscription = hub.subscribe(filter, QUEUE);
        client.keepAlive();
        client.onClose(subscription::close);
        client.sendEvent("ready", Json.write(Map.of("job", job == null ? "" : job, "instance", instance == null ? "" : instance)));
        Thread.ofVirtual().name("tilework-events").start(() -> pump(client, subscription));
    }

    private static void pump(SseClient client, Subscription subscription) {
        try {
            while (!client.terminated()) {
                if (subscription.fellBehind()) {
                    client.sendEvent("dropped", Json.write(Map.of("reason", "this client fell behind by more than "
                            + subscription.capacity() + " events and was dropped; reconnect, and read faster or filter by job or instance")));
                    break;
                }
                ServerEvent event = subscription.poll(KEEP_ALIVE_MILLIS);
                if (event == null) {
                    client.sendComment("keep-alive");
                } else {
                    client.sendEvent(event.name(), Json.write(event.data()), Long.toString(event.publishedMillis()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("event stream ended: {}", e.toString());
        } finally {
            subscription.close();
            client.close();
        }
    }
}
