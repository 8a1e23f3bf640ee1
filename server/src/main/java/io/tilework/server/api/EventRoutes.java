package io.tilework.server.api;

import io.javalin.http.Context;
import io.tilework.server.events.EventHub;
import io.tilework.server.events.ServerEvent;
import io.tilework.server.events.Subscription;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * {@code /api/events}: Server-Sent Events of jobs, chunks, pools, caches and processes, filtered
 * by job or instance. Each client's request thread (a virtual thread) writes its events from its
 * bounded queue; one that falls behind gets a {@code dropped} event and its stream ends, and never
 * slows the engine. A client that goes away ends the stream at the next write.
 */
final class EventRoutes {

    static final int QUEUE = 2_048;
    private static final long KEEP_ALIVE_MILLIS = 15_000;

    private final EventHub hub;

    EventRoutes(EventHub hub) {
        this.hub = hub;
    }

    List<Endpoint> endpoints() {
        return List.of(Endpoint.sse("/api/events", "a stream of job, chunk, pool, cache and process events (text/event-stream)")
                .tag("events").query("job", "instance").handle(this::stream));
    }

    private void stream(Context ctx) throws InterruptedException {
        String job = ctx.queryParam("job");
        String instance = ctx.queryParam("instance");
        Predicate<ServerEvent> filter = job == null && instance == null ? e -> true
                : e -> (job != null && Objects.equals(job, e.job())) || (instance != null && Objects.equals(instance, e.instance()));
        HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no"); // a proxy in front must not hold events back
        try (Subscription subscription = hub.subscribe(filter, QUEUE)) {
            OutputStream out = response.getOutputStream();
            send(out, "ready", Json.write(Map.of("job", job == null ? "" : job, "instance", instance == null ? "" : instance)), null);
            while (!subscription.isClosed()) {
                if (subscription.fellBehind()) {
                    send(out, "dropped", Json.write(Map.of("reason", "this client fell behind by more than " + subscription.capacity()
                            + " events and was dropped; reconnect, and read faster or filter by job or instance")), null);
                    return;
                }
                ServerEvent event = subscription.poll(KEEP_ALIVE_MILLIS);
                if (event == null && subscription.isClosed()) {
                    return;
                }
                if (event == null) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else {
                    send(out, event.name(), Json.write(event.data()), Long.toString(event.publishedMillis()));
                }
            }
        } catch (IOException clientGone) {
            // the client closed the stream: nothing to answer
        }
    }

    private static void send(OutputStream out, String name, String data, String id) throws IOException {
        var text = new StringBuilder(data.length() + 64);
        if (id != null) {
            text.append("id: ").append(id).append('\n');
        }
        text.append("event: ").append(name).append('\n');
        data.lines().forEach(line -> text.append("data: ").append(line).append('\n'));
        text.append('\n');
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
