package io.tilework.process.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An object of a running instance: linked to its model element (null for objects created at run
 * time, such as work items), with its current state and runtime attributes.
 */
public final class RuntimeObject {

    private final String id;
    private final String type;
    private final String element;
    private String state;
    private final Map<String, Object> attributes;

    public RuntimeObject(String id, String type, String element, String state, Map<String, Object> attributes) {
        this.id = id;
        this.type = type;
        this.element = element;
        this.state = state;
        this.attributes = new LinkedHashMap<>(attributes);
    }

    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String element() {
        return element;
    }

    public String state() {
        return state;
    }

    void state(String state) {
        this.state = state;
    }

    /** Runtime attributes: set by operations, not by the model. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    RuntimeObject copy() {
        return new RuntimeObject(id, type, element, state, attributes);
    }
}
