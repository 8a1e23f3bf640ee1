package io.tilework.process.delivery;

import io.tilework.process.engine.DeliveryHandler;
import io.tilework.process.engine.EngineContext;
import io.tilework.process.store.OutboxEntry;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The actor named {@code webhook}: any operation sent to it is POSTed as JSON to the payload's
 * {@code url} — the operation, instance, object and the payload's {@code body} — with the outbox
 * key as {@code Idempotency-Key}. Anything but 2xx is tried again later.
 */
public final class WebhookCaller implements DeliveryHandler {

    private final WebhookPost webhookPost = new WebhookPost();

    @Override
    public CompletionStage<?> deliver(OutboxEntry entry, EngineContext engine) {
        Object url = entry.payload().get("url");
        if (url == null || url.toString().isBlank()) {
            // Nowhere to send it: the failure is logged at every retry until the model gives a url.
            return CompletableFuture.failedFuture(new IllegalArgumentException(entry.operation() + " of " + entry.instance()
                    + " has no url to POST to"));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("key", entry.key());
        body.put("operation", entry.operation());
        body.put("instance", entry.instance());
        body.put("object", entry.object());
        body.put("body", entry.payload().get("body"));
        return webhookPost.post(url.toString(), entry.key(), body).thenCompose(ok -> engine.acknowledge(entry.key(), null));
    }
}
