package io.tilework.process.delivery;

import io.tilework.process.store.StateCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A JSON POST carrying an outbox key as {@code Idempotency-Key}; anything but 2xx fails, so the delivery is tried again. */
final class WebhookPost {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    CompletableFuture<Void> post(String url, String key, Map<String, Object> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(StateCodec.json(body)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose(response -> response.statusCode() / 100 == 2
                ? CompletableFuture.<Void>completedFuture(null)
                : CompletableFuture.failedFuture(new IllegalStateException("webhook " + url + " answered HTTP " + response.statusCode())));
    }
}
