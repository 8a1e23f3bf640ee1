package io.tilework.server.jobs;

import io.tilework.engine.job.JobParameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A job's parameter record as a JSON Schema object, from its components and their
 * {@link JobParameter} annotations: what the console's forms are generated from. Paths carry
 * {@code x-kind} ({@code input-path} or {@code output-path}).
 */
public final class ParameterSchema {

    private ParameterSchema() {
    }

    public static Map<String, Object> of(Class<?> record) {
        var properties = new LinkedHashMap<String, Object>();
        var required = new ArrayList<String>();
        if (record.isRecord()) {
            for (RecordComponent component : record.getRecordComponents()) {
                var property = new LinkedHashMap<>(type(component.getGenericType()));
                JobParameter described = component.getAnnotation(JobParameter.class);
                if (described != null) {
                    property.put("description", described.description());
                    property.put("x-kind", kind(described.kind()));
                    if (!described.defaultValue().isEmpty()) {
                        property.put("default", described.defaultValue());
                    }
                    if (described.required()) {
                        required.add(component.getName());
                    }
                } else {
                    property.put("x-kind", "value");
                }
                if (component.getType().isPrimitive() && !required.contains(component.getName())) {
                    required.add(component.getName());
                }
                properties.put(component.getName(), property);
            }
        }
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The kind of a component as the schema names it. */
    static String kind(JobParameter.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Map<String, Object> type(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class || raw == Path.class) {
            return Map.of("type", "string");
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return Map.of("type", "integer");
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return Map.of("type", "number");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (raw == Duration.class) {
            return Map.of("type", "string", "format", "duration");
        }
        if (raw.isEnum()) {
            return Map.of("type", "string", "enum", Arrays.stream(raw.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
        }
        if (raw == List.class && type instanceof ParameterizedType p) {
            return Map.of("type", "array", "items", type(p.getActualTypeArguments()[0]));
        }
        if (raw == Map.class && type instanceof ParameterizedType p) {
            return Map.of("type", "object", "additionalProperties", type(p.getActualTypeArguments()[1]));
        }
        if (raw.isRecord()) {
            return of(raw);
        }
        return Map.of(); // any JSON value
    }
}
