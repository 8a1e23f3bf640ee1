package io.tilework.process.expression;

import io.tilework.process.meta.Element;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A model element as expressions see it: {@code id}, {@code type} and its attributes. */
public final class ElementView extends AbstractMap<String, Object> {

    private final Element element;

    public ElementView(Element element) {
        this.element = element;
    }

    @Override
    public Object get(Object key) {
        if ("id".equals(key)) {
            return element.id();
        }
        if ("type".equals(key)) {
            return element.type();
        }
        return element.attributes().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return "id".equals(key) || "type".equals(key) || element.attributes().containsKey(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        var all = new LinkedHashMap<String, Object>();
        all.put("id", element.id());
        all.put("type", element.type());
        all.putAll(element.attributes());
        return all.entrySet();
    }

    @Override
    public String toString() {
        return element.id();
    }

    Map<String, Object> attributes() {
        return element.attributes();
    }
}
