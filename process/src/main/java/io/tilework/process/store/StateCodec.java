package io.tilework.process.store;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tilework.process.runtime.Effect;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.PendingEvent;
import io.tilework.process.runtime.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Effects, payloads and snapshots as JSON, the form the stores keep them in. */
public final class StateCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private StateCodec() {
    }

    /** Each effect as an object with its fields and {@code kind}, its record's name. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    private interface WithKind {
    }

    /** Written in one pass (a tree per effect first would cost the engine's loop a tenth of its time). */
    private static final ObjectWriter EFFECTS = JSON.copy().addMixIn(Effect.class, WithKind.class)
            .writerFor(new TypeReference<List<Effect>>() {
            });

    public static String effects(List<Effect> effects) {
        try {
            return EFFECTS.writeValueAsString(effects);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write effects as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static List<Effect> effects(String json) {
        try {
            var effects = new ArrayList<Effect>();
            for (JsonNode node : JSON.readTree(json)) {
                effects.add(effect(node));
            }
            return effects;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt effects in the process store: " + e.getOriginalMessage(), e);
        }
    }

    private static Effect effect(JsonNode node) {
        String kind = node.get("kind").asText();
        return switch (kind) {
            case "Received" -> new Effect.Received(text(node, "event"), text(node, "object"), map(node.get("payload")));
            case "Created" -> new Effect.Created(text(node, "object"), text(node, "type"), text(node, "element"), text(node, "state"));
            case "StateChanged" -> new Effect.StateChanged(text(node, "object"), text(node, "from"), text(node, "to"));
            case "AttributeSet" -> new Effect.AttributeSet(text(node, "object"), text(node, "name"), value(node.get("value")));
            case "VariableSet" -> new Effect.VariableSet(text(node, "name"), value(node.get("value")));
            case "Sent" -> new Effect.Sent(text(node, "key"), text(node, "operation"), text(node, "actor"), text(node, "to"),
                    text(node, "object"), map(node.get("payload")));
            case "Scheduled" -> new Effect.Scheduled(text(node, "key"), text(node, "event"), text(node, "object"), node.get("due").asLong());
            case "Unscheduled" -> new Effect.Unscheduled(text(node, "key"));
            case "Deferred" -> new Effect.Deferred(event(node.get("event")));
            case "Undeferred" -> new Effect.Undeferred(node.get("index").asInt());
            default -> throw new IllegalStateException("unknown effect '" + kind + "' in the process store");
        };
    }

    private static PendingEvent event(JsonNode node) {
        return new PendingEvent(text(node, "event"), text(node, "object"), map(node.get("payload")));
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + value, e);
        }
    }

    public static Map<String, Object> map(String json) {
        try {
            return json == null ? Map.of() : map(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON in the process store: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        return (Map<String, Object>) Values.plain(JSON.convertValue(node, MAP));
    }

    private static Object value(JsonNode node) {
        return node == null || node.isNull() ? null : Values.plain(JSON.convertValue(node, Object.class));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A snapshot: the instance rebuilt as creation plus the effects that give its current objects and variables. */
    public static String snapshot(InstanceState state) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", state.id());
        node.put("model", state.model());
        node.put("parent", state.parent());
        node.put("parentObject", state.parentObject());
        node.put("created", state.created().toEpochMilli());
        node.put("transactions", state.transactions());
        var effects = new ArrayList<Effect>();
        state.objects().forEach(object -> {
            effects.add(new Effect.Created(object.id(), object.type(), object.element(), object.state()));
            object.attributes().forEach((name, value) -> effects.add(new Effect.AttributeSet(object.id(), name, value)));
        });
        state.variables().forEach((name, value) -> effects.add(new Effect.VariableSet(name, value)));
        state.deferred().forEach(event -> effects.add(new Effect.Deferred(event)));
        try {
            node.set("effects", JSON.readTree(effects(effects)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return node.toString();
    }

    public static InstanceState snapshot(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            InstanceState state = new InstanceState(text(node, "id"), text(node, "model"), text(node, "parent"), text(node, "parentObject"),
                    Instant.ofEpochMilli(node.get("created").asLong()));
            for (JsonNode effect : node.get("effects")) {
                state.apply(effect(effect));
            }
            state.restoreTransactions(node.get("transactions").asLong());
            return state;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt snapshot in the process store: " + e.getOriginalMessage(), e);
        }
    }
}
