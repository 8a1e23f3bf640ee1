package io.tilework.process.engine;

import io.tilework.process.runtime.InstanceState;
import io.tilework.process.store.InboxEntry;
import io.tilework.process.store.OutboxEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The one context the engine gives out: what a delivery handler may do back to it — answer with an
 * event, start an instance, acknowledge a delivery, read an instance's committed state, its
 * children and its undelivered messages.
 */
public interface EngineContext {

    /** Sends an external event that also acknowledges outbox entry {@code acknowledges}, in one transaction. */
    CompletableFuture<Outcome> event(String instance, String event, String object, Map<String, Object> payload, String acknowledges);

    /** Starts an instance once per {@code key}, as a child of {@code parent}'s {@code parentObject}, acknowledging {@code key}. */
    CompletableFuture<Outcome> startChild(String model, Map<String, Object> variables, String parent, String parentObject, String key);

    /** Marks outbox entry {@code key} delivered, recording {@code inbox} (may be null) in the same transaction. */
    CompletableFuture<Outcome> acknowledge(String key, InboxEntry inbox);

    /** The committed state of an instance, or null. */
    InstanceState state(String instance);

    /** The committed state of every instance that {@code object} of {@code parent} started, in the order they started. */
    List<InstanceState> children(String parent, String object);

    /** The committed outbox entries of {@code instance}'s {@code object} not yet acknowledged, oldest first. */
    List<OutboxEntry> undelivered(String instance, String object);
}
