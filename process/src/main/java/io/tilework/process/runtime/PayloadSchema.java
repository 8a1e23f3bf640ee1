package io.tilework.process.runtime;

import io.tilework.process.failure.EventRejected;
import java.util.List;
import java.util.Map;

/** Checks an external event's payload against its schema: {@code name: type}, a trailing {@code ?} for optional. */
final class PayloadSchema {

    private PayloadSchema() {
    }

    static void check(String event, Map<String, String> schema, Map<String, Object> payload) {
        for (String given : payload.keySet()) {
            if (!schema.containsKey(given)) {
                throw new EventRejected("'" + event + "' has no field '" + given + "'; its fields: " + describe(schema));
            }
        }
        for (var field : schema.entrySet()) {
            String type = field.getValue().trim();
            boolean optional = type.endsWith("?");
            type = optional ? type.substring(0, type.length() - 1) : type;
            Object value = payload.get(field.getKey());
            if (value == null) {
                if (!optional) {
                    throw new EventRejected("'" + event + "' needs field '" + field.getKey() + "' (" + type + "); its fields: " + describe(schema));
                }
                continue;
            }
            boolean fits = switch (type) {
                case "string" -> value instanceof String;
                case "int" -> value instanceof Long || value instanceof Integer;
                case "number" -> value instanceof Number;
                case "boolean" -> value instanceof Boolean;
                case "map" -> value instanceof Map;
                case "list" -> value instanceof List;
                default -> true;
            };
            if (!fits) {
                throw new EventRejected("'" + event + "' field '" + field.getKey() + "' must be a " + type + ", not " + value);
            }
        }
    }

    private static String describe(Map<String, String> schema) {
        return schema.isEmpty() ? "none" : schema.toString();
    }
}
