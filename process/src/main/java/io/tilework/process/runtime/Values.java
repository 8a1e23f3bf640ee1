package io.tilework.process.runtime;

import io.tilework.process.expression.ElementView;
import io.tilework.process.expression.ObjectView;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;

/** Values kept in state, logs and payloads are plain data: views become ids, whole numbers longs. */
public final class Values {

    private Values() {
    }

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
            default -> value;
        };
    }
}
