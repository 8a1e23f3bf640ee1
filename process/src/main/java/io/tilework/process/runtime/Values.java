package io.tilework.process.runtime;

import io.tilework.process.expression.ElementView;
import io.tilework.process.expression.ObjectView;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;

/**
 * Values kept in state, logs and payloads are plain data — text, longs, doubles, booleans, lists
 * and maps of them — so that what is stored reads back as it was: views become ids, whole numbers
 * longs. Anything else is refused here, where the transaction that made it can still be rejected,
 * rather than at commit, where it would fail every transaction of its batch.
 */
public final class Values {

    private Values() {
    }

    /** The plain form of a payload (null: empty); throws IllegalArgumentException for a value that has none. */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> plainMap(java.util.Map<String, ?> payload) {
        return payload == null ? java.util.Map.of() : (java.util.Map<String, Object>) plain(payload);
    }

    /** The plain form of {@code value}; throws IllegalArgumentException for what has none. */
    public static Object plain(Object value) {
        return switch (value) {
            case null -> null;
            case ObjectView view -> view.object().id();
            case ElementView view -> view.get("id");
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Float f -> f.doubleValue();
            case BigInteger integer -> integer.longValue();
            case BigDecimal decimal -> decimal.doubleValue();
            case java.util.Map<?, ?> map -> {
                var copy = new LinkedHashMap<String, Object>();
                map.forEach((k, v) -> copy.put(k.toString(), plain(v)));
                yield copy;
            }
            case Collection<?> list -> list.stream().map(Values::plain).toList();
            case Object[] array -> java.util.Arrays.stream(array).map(Values::plain).toList();
            case String text -> text;
            case Long l -> l;
            case Double d -> d;
            case Boolean b -> b;
            case Character c -> c.toString();
            case Enum<?> constant -> constant.name();
            default -> throw new IllegalArgumentException("a " + value.getClass().getName() + " (" + value
                    + ") cannot be kept in a process: values are text, numbers, booleans, lists and maps");
        };
    }
}
