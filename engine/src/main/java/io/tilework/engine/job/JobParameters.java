package io.tilework.engine.job;

import java.lang.reflect.Constructor;
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
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds a job's parameters — the maps and lists a JSON or YAML parser produces — to its
 * parameter record, converting what a text format cannot say exactly: numbers to the component's
 * numeric type, strings to enums, paths and durations ("PT5M" or "5m"). Unknown names and missing
 * required values are errors that name the parameter and list the expected ones.
 *
 * <p>Missing record components become null (objects), or are an error (primitives).
 */
public final class JobParameters {

    private JobParameters() {
    }

    public static <P> P bind(Map<String, ?> values, Class<P> type) {
        return bind(values, type, "");
    }

    private static <P> P bind(Map<String, ?> values, Class<P> type, String path) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record; job parameters must be records");
        }
        RecordComponent[] components = type.getRecordComponents();
        Set<String> expected = new TreeSet<>();
        for (RecordComponent component : components) {
            expected.add(component.getName());
        }
        for (String name : values.keySet()) {
            if (!expected.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + path + name + "'; expected " + expected);
            }
        }
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String name = path + component.getName();
            Object raw = values.get(component.getName());
            if (raw == null) {
                if (component.getType().isPrimitive()) {
                    throw new IllegalArgumentException("parameter '" + name + "' is required ("
                            + component.getType().getSimpleName() + ")");
                }
                continue;
            }
            arguments[i] = convert(raw, component.getGenericType(), name);
        }
        try {
            Constructor<P> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalArgumentException("invalid parameters" + (path.isEmpty() ? "" : " in '" + path + "'") + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Object raw, Type target, String name) {
        Class<?> type = rawClass(target);
        if (type.isInstance(raw) && !(raw instanceof List) && !(raw instanceof Map)) {
            return raw;
        }
        if (type == int.class || type == Integer.class) {
            return Math.toIntExact(number(raw, name).longValue());
        }
        if (type == long.class || type == Long.class) {
            return number(raw, name).longValue();
        }
        if (type == double.class || type == Double.class) {
            return number(raw, name).doubleValue();
        }
        if (type == boolean.class || type == Boolean.class) {
            if (raw instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(text);
            }
            throw mismatch(name, raw, "true or false");
        }
        if (type == String.class) {
            return raw.toString();
        }
        if (type == Path.class) {
            return Path.of(raw.toString());
        }
        if (type == Duration.class) {
            return duration(raw.toString(), name);
        }
        if (type.isEnum()) {
            String text = raw.toString().toUpperCase(Locale.ROOT).replace('-', '_');
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(text)) {
                    return constant;
                }
            }
            throw mismatch(name, raw, "one of " + Arrays.toString(type.getEnumConstants()));
        }
        if (type == List.class && raw instanceof List<?> list) {
            Type element = ((ParameterizedType) target).getActualTypeArguments()[0];
            var converted = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                converted.add(convert(list.get(i), element, name + "[" + i + "]"));
            }
            return List.copyOf(converted);
        }
        if (type == Map.class && raw instanceof Map<?, ?> map) {
            Type valueType = ((ParameterizedType) target).getActualTypeArguments()[1];
            var converted = new LinkedHashMap<String, Object>();
            map.forEach((key, value) -> converted.put(key.toString(), convert(value, valueType, name + "." + key)));
            return converted;
        }
        if (type.isRecord() && raw instanceof Map<?, ?> map) {
            return bind((Map) map, type, name + ".");
        }
        throw mismatch(name, raw, type.getSimpleName());
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new IllegalArgumentException("unsupported parameter type " + type);
    }

    private static Number number(Object raw, String name) {
        if (raw instanceof Number number) {
            return number;
        }
        try {
            return Double.parseDouble(raw.toString());
        } catch (NumberFormatException e) {
            throw mismatch(name, raw, "a number");
        }
    }

    private static Duration duration(String text, String name) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (trimmed.startsWith("p")) {
                return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            }
            if (trimmed.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(trimmed.substring(0, trimmed.length() - 2).strip()));
            }
            long amount = Long.parseLong(trimmed.substring(0, trimmed.length() - 1).strip());
            return switch (trimmed.charAt(trimmed.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw mismatch(name, text, "a duration like 250ms, 90s, 5m, 2h or PT5M");
            };
        } catch (NumberFormatException | java.time.format.DateTimeParseException | ArithmeticException | StringIndexOutOfBoundsException e) {
            // What parsing the text throws, and only that: the parameter is malformed, not Tilework.
            throw mismatch(name, text, "a duration like 250ms, 90s, 5m, 2h or PT5M");
        }
    }

    private static IllegalArgumentException mismatch(String name, Object raw, String expected) {
        return new IllegalArgumentException("parameter '" + name + "' is " + raw + "; expected " + expected);
    }
}
