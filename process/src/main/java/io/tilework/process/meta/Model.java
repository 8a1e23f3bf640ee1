package io.tilework.process.meta;

import java.util.List;
import java.util.Map;

/**
 * A model conforming to a meta-model: one workflow definition, one map. Elements keep the order
 * of the file, which is the order the behaviour sees them in (e.g. an XOR split tries its
 * transitions in that order).
 *
 * @param conformsTo the name of the behaviour specification (and meta-model) it conforms to
 * @param variables  the instance variables' initial values
 * @param source     the YAML text it was read from, stored on deploy
 */
public record Model(String name, String conformsTo, Map<String, Object> variables, Map<String, Element> elements,
                    String file, String source) {

    public Element element(String id) {
        return elements.get(id);
    }

    public List<Element> elementsOf(String type) {
        return elements.values().stream().filter(e -> e.type().equals(type)).toList();
    }
}
