package io.tilework.process.delivery;

import io.tilework.process.engine.DeliveryHandler;
import io.tilework.process.engine.EngineContext;
import io.tilework.process.engine.Outcome;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.store.OutboxEntry;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The engine as an actor of its own specifications, for sub-processes: {@code startInstance}
 * ({@code model}, {@code variables}, optional {@code onFailure}) starts a child instance of the
 * sender's instance, once per outbox key — if it cannot start, the sender's object gets event
 * {@code onFailure} with {@code state: failed} and the {@code error}; {@code sendToParent}
 * ({@code event}, {@code payload}) sends an external event to the parent's object that started
 * this instance; {@code sendToChildren} ({@code event}, optional {@code payload}) sends one to the
 * root of every instance the sender's object started (a cancel, suspend or resume passed down).
 */
public final class InstanceStarter implements DeliveryHandler {

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<?> deliver(OutboxEntry entry, EngineContext engine) {
        Map<String, Object> payload = entry.payload();
        return switch (entry.operation()) {
            case "startInstance" -> engine.startChild(String.valueOf(payload.get("model")),
                    payload.get("variables") instanceof Map<?, ?> variables ? (Map<String, Object>) variables : Map.of(),
                    entry.instance(), entry.object(), entry.key()).thenCompose(outcome -> {
                        if (!outcome.rejected()) {
                            return CompletableFuture.completedFuture(outcome);
                        }
                        // The child cannot start: tell the parent with the event it named, or at least stop delivering.
                        Object onFailure = payload.get("onFailure");
                        return onFailure == null ? engine.acknowledge(entry.key(), null)
                                : engine.event(entry.instance(), onFailure.toString(), entry.object(),
                                        Map.of("state", "failed", "error", String.valueOf(outcome.message())), entry.key());
                    });
            case "sendToParent" -> {
                InstanceState child = engine.state(entry.instance());
                if (child == null || child.parent() == null) {
                    yield engine.acknowledge(entry.key(), null);
                }
                yield engine.event(child.parent(), String.valueOf(payload.get("event")), child.parentObject(),
                        payload.get("payload") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of(), entry.key());
            }
            case "sendToChildren" -> {
                // In order, and to children that exist: wait while a start, or an earlier message to the children
                // (a suspend before this resume), of the same object is not yet acknowledged.
                var earlier = engine.undelivered(entry.instance(), entry.object()).stream()
                        .takeWhile(pending -> !pending.key().equals(entry.key()))
                        .filter(pending -> pending.operation().equals("startInstance") || pending.operation().equals("sendToChildren"))
                        .findFirst();
                if (earlier.isPresent()) {
                    yield CompletableFuture.failedFuture(new DeliveryHandler.NotYet(payload.get("event") + " to the sub-processes of "
                            + entry.instance() + "/" + entry.object() + " waits for " + earlier.get().operation() + " " + earlier.get().key()));
                }
                Map<String, Object> eventPayload = payload.get("payload") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
                var sent = new ArrayList<CompletableFuture<Outcome>>();
                for (InstanceState child : engine.children(entry.instance(), entry.object())) {
                    sent.add(engine.event(child.id(), String.valueOf(payload.get("event")), child.root().id(), eventPayload, null));
                }
                yield CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).thenCompose(done -> engine.acknowledge(entry.key(), null));
            }
            default -> CompletableFuture.failedFuture(new IllegalArgumentException("the engine actor does not know operation '"
                    + entry.operation() + "' (it runs startInstance, sendToParent and sendToChildren)"));
        };
    }
}
