package io.tilework.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a Server-Sent Events stream (the text/event-stream format: {@code event:}, {@code id:},
 * {@code data:} lines, a blank line ends an event, {@code :} starts a comment) and hands each event
 * on as soon as its blank line arrives, so a reader can time its delivery.
 */
final class SseEvents {

    /** One event: its name ({@code message} when none was given), its id (may be null) and its data. */
    record Event(String name, String id, String data) {
    }

    private SseEvents() {
    }

    /**
     * The request for the stream at {@code events}: it must accept {@code text/event-stream}, as a
     * browser's EventSource does; to other requests the server answers an empty 200.
     */
    static HttpRequest request(URI events) {
        return HttpRequest.newBuilder(events).header("Accept", "text/event-stream").GET().build();
    }

    /** Null when {@code response} is an event stream, else what it is instead. */
    static String notAStream(HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() == 200 && type.startsWith("text/event-stream")) {
            return null;
        }
        return "HTTP " + response.statusCode() + ", " + (type.isEmpty() ? "no Content-Type" : type) + " instead of an event stream";
    }

    /** Reads events from {@code in} until the stream ends; returns then. */
    static void read(InputStream in, Consumer<Event> each) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String name = null;
        String id = null;
        var data = new StringBuilder();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (name != null || id != null || !data.isEmpty()) {
                    each.accept(new Event(name == null ? "message" : name, id, data.toString()));
                }
                name = null;
                id = null;
                data.setLength(0);
            } else if (!line.startsWith(":")) {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "event" -> name = value;
                    case "id" -> id = value;
                    case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
                    default -> { } // retry and unknown fields: not used here
                }
            }
        }
    }

    /** The event's publish time (its id, ms since the epoch), or -1 when the id is not one. */
    static long publishedMillis(Event event) {
        if (event.id() == null || event.id().isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(event.id());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
