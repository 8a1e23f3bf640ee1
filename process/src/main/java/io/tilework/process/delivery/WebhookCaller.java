package io.tilework.process.delivery;

import io.tilework.process.engine.DeliveryHandler;
import io.tilework.process.engine.EngineContext;
import io.tilework.process.store.OutboxEntry;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.CompletionStage;

/**
 * The actor named {@code webhook}: any operation sent to it is POSTed as JSON to the payload's
 * {@code url} — the operation, instance, object and the payload's {@code body} — with the outbox
 * key as {@code Idempotency-Key}. Anything but 2xx is tried again later; an entry with no url
 * is logged and dropped.
 */
public final class WebhookCaller implements DeliveryHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookCaller.class);

    private final WebhookPost webhookPost = new WebhookPost();

    @Override
    public CompletionStage<?> deliver(OutboxEntry entry, EngineContext engine) {
        Object url = entry.payload().get("url");
        if (url == null || url.toString().isBlank()) {
            // Nowhere to send it, and trying again will not give it a url: say so once and stop delivering it.
            LOG.error("{} {} of instance {} (object {}) has no url to POST to; it is dropped as undeliverable", entry.operation(),
                    entry.key(), entry.instance(), entry.object());
            return engine.acknowledge(entry.key(), null);
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
