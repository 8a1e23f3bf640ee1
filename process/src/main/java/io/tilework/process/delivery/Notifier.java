package io.tilework.process.delivery;

import io.tilework.process.engine.EngineContext;
import io.tilework.process.engine.DeliveryHandler;
import io.tilework.process.store.InboxEntry;
import io.tilework.process.store.OutboxEntry;
import java.time.Instant;
import java.util.LinkedHashMap;

import java.util.concurrent.CompletionStage;

/**
 * The participants' actor: a notification goes to the recipient's inbox and, if the payload
 * names a {@code webhook}, is POSTed there as JSON with an {@code Idempotency-Key} header (the
 * outbox key: a receiver that sees a key twice drops the repeat). A webhook that fails or
 * answers other than 2xx is tried again later.
 */
public final class Notifier implements DeliveryHandler {

    private final WebhookPost webhookPost = new WebhookPost();

    @Override
    public CompletionStage<?> deliver(OutboxEntry entry, EngineContext engine) {
        var message = new LinkedHashMap<String, Object>(entry.payload());
        Object webhook = message.remove("webhook");
        message.put("operation", entry.operation());
        var inbox = new InboxEntry(entry.key(), entry.recipient() == null ? "" : entry.recipient(), entry.instance(), entry.object(),
                message, Instant.now());
        if (webhook == null || webhook.toString().isBlank()) {
            return engine.acknowledge(entry.key(), inbox);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("key", entry.key());
        body.put("instance", entry.instance());
        body.put("recipient", entry.recipient());
        body.put("object", entry.object());
        body.put("message", message);
        return webhookPost.post(webhook.toString(), entry.key(), body).thenCompose(ok -> engine.acknowledge(entry.key(), inbox));
    }

}
