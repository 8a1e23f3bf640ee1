package io.tilework.process.delivery;

import io.tilework.process.engine.DeliveryHandler;
import io.tilework.process.engine.EngineContext;
import io.tilework.process.store.OutboxEntry;
import io.tilework.process.store.StateCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The actor named {@code webhook}: any operation sent to it is POSTed as JSON to the payload's
 * {@code url} — the operation, instance, object and the payload's {@code body} — with the outbox
 * key as {@code Idempotency-Key}. Anything but 2xx is tried again later.
 */
public final class WebhookCaller implements DeliveryHandler {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public CompletionStage<?> deliver(OutboxEntry entry, EngineContext engine) {
        Object url = entry.payload().get("url");
        if (url == null || url.toString().isBlank()) {
            // Nowhere to send it, and sending again will not change that: say so and let it go.
            return CompletableFuture.failedFuture(new IllegalArgumentException(entry.operation() + " of " + entry.instance()
                    + " has no url to POST to"));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("key", entry.key());
        body.put("operation", entry.operation());
        body.put("instance", entry.instance());
        body.put("object", entry.object());
        body.put("body", entry.payload().get("body"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", entry.key())
                .POST(HttpRequest.BodyPublishers.ofString(StateCodec.json(body)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose(response -> {
            if (response.statusCode() / 100 != 2) {
                return CompletableFuture.failedFuture(new IllegalStateException("webhook " + url + " answered HTTP " + response.statusCode()));
            }
            return engine.acknowledge(entry.key(), null);
        });
    }
}
