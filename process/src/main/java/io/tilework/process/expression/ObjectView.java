package io.tilework.process.expression;

import io.tilework.process.meta.Element;
import io.tilework.process.runtime.RuntimeObject;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * A runtime object as expressions see it: {@code id}, {@code type}, {@code state},
 * {@code element}, then its runtime attributes, then its model element's attributes (so
 * {@code self.kind} reads the model and {@code self.attempt} the run). Live: it shows changes
 * made earlier in the same transaction.
 */
public final class ObjectView extends AbstractMap<String, Object> {

    private final RuntimeObject object;
    private final Element element;

    public ObjectView(RuntimeObject object, Element element) {
        this.object = object;
        this.element = element;
    }

    public RuntimeObject object() {
        return object;
    }

    @Override
    public Object get(Object key) {
        if (key instanceof String name) {
            switch (name) {
                case "id" -> {
                    return object.id();
                }
                case "type" -> {
                    return object.type();
                }
                case "state" -> {
                    return object.state();
                }
                case "element" -> {
                    return object.element();
                }
                default -> {
                    if (object.attributes().containsKey(name)) {
                        return object.attributes().get(name);
                    }
                    return element == null ? null : element.attributes().get(name);
                }
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null || object.attributes().containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        var all = new LinkedHashMap<String, Object>();
        all.put("id", object.id());
        all.put("type", object.type());
        all.put("state", object.state());
        all.put("element", object.element());
        if (element != null) {
            all.putAll(element.attributes());
        }
        all.putAll(object.attributes());
        return all.entrySet();
    }

    @Override
    public String toString() {
        return object.id();
    }
}
