package io.tilework.process.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trigger subscribed asynchronously ({@code async: true}) that an event matched, by its index in
 * the specification and its name (checked, in case the specification changed): it runs later,
 * in a transaction of its own. It waits in the outbox, addressed to {@link #ACTOR}, so a crash
 * between the two transactions does not lose it.
 */
public record AsyncTrigger(int trigger, String name, PendingEvent event) {

    /** The engine's own actor that runs asynchronous triggers. */
    public static final String ACTOR = "engine.async";
    public static final String OPERATION = "runTrigger";

    /** The outbox payload that carries this trigger. */
    public Map<String, Object> payload() {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("trigger", (long) trigger);
        payload.put("name", name);
        payload.put("event", event.event());
        payload.put("payload", event.payload());
        return payload;
    }

    /** The trigger an outbox entry to {@link #ACTOR} carries, for {@code object}. */
    @SuppressWarnings("unchecked")
    public static AsyncTrigger from(Map<String, Object> payload, String object) {
        Object index = payload.get("trigger");
        Object event = payload.get("event");
        if (!(index instanceof Number number) || event == null) {
            throw new IllegalArgumentException("not an asynchronous trigger: " + payload);
        }
        Map<String, Object> eventPayload = payload.get("payload") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        Object name = payload.get("name");
        return new AsyncTrigger(number.intValue(), name == null ? null : name.toString(), new PendingEvent(event.toString(), object, eventPayload));
    }
}
