package io.tilework.process.meta;

import java.util.Map;

/**
 * One element of a model: an activity, a transition, an intention. Its attributes are typed as
 * its meta-model says (durations in milliseconds, references as element ids), defaults filled in.
 */
public record Element(String id, String type, Map<String, Object> attributes, int line) {

    public Object attribute(String name) {
        return attributes.get(name);
    }
}
