package io.tilework.process.runtime;

import io.tilework.process.expression.ElementView;
import io.tilework.process.expression.ObjectView;
import io.tilework.process.failure.ValueNotKept;
import io.tilework.process.yaml.Excerpt;
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

    /** The plain form of a payload (null: empty); throws ValueNotKept for a value that has none. */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> plainMap(java.util.Map<String, ?> payload) {
        return payload == null ? java.util.Map.of() : (java.util.Map<String, Object>) plain(payload);
    }

    /** The plain form of {@code value}; throws ValueNotKept for what has none. */
    public static Object plain(Object value) {
        return plain(value, 0);
    }

    /** Deeper than this is taken for a structure that contains itself. */
    private static final int MAX_DEPTH = 64;

    /** A double as kept: NaN and the infinities have no form in the store's JSON (they would read back as text). */
    private static Double finite(double value) {
        if (!Double.isFinite(value)) {
            throw new ValueNotKept("the number " + value + " cannot be kept: numbers are finite (a decimal beyond about 1.8e308 has no value)");
        }
        return value;
    }

    private static Object plain(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ValueNotKept("a value nested more than " + MAX_DEPTH + " levels deep (one that contains itself?) cannot be kept");
        }
        return switch (value) {
            case null -> null;
            case ObjectView view -> view.object().id();
            case ElementView view -> view.get("id");
            case String text -> text;
            case Long l -> l;
            case Double d -> finite(d);
            case Boolean b -> b;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Float f -> finite(f.doubleValue());
            case BigInteger integer -> {
                if (integer.bitLength() > 63) {
                    throw new ValueNotKept("the whole number " + Excerpt.of(integer.toString(), 40)
                            + " cannot be kept: whole numbers are kept in 64 bits (up to 9223372036854775807)");
                }
                yield integer.longValue();
            }
            case BigDecimal decimal -> finite(decimal.doubleValue());
            case Character c -> c.toString();
            case Enum<?> constant -> constant.name();
            case java.util.Map<?, ?> map -> {
                var copy = new LinkedHashMap<String, Object>();
                map.forEach((k, v) -> {
                    if (k == null) {
                        throw new ValueNotKept("a map with a null key cannot be kept: names are text");
                    }
                    copy.put(k.toString(), plain(v, depth + 1));
                });
                yield copy;
            }
            case Collection<?> list -> list.stream().map(item -> plain(item, depth + 1)).toList();
            default -> {
                if (value.getClass().isArray()) {
                    // JEXL's [1, 2] is an int[], ['a', 'b'] a String[]: both lists.
                    var items = new java.util.ArrayList<Object>();
                    for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                        items.add(plain(java.lang.reflect.Array.get(value, i), depth + 1));
                    }
                    yield java.util.Collections.unmodifiableList(items);
                }
                throw new ValueNotKept("a " + value.getClass().getName() + " (" + Excerpt.of(String.valueOf(value))
                        + ") cannot be kept in a process: values are text, numbers, booleans, lists and maps");
            }
        };
    }
}
