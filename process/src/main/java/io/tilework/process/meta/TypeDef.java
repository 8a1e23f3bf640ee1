package io.tilework.process.meta;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A type of a meta-model: its attributes and, for types whose instances run, the value domain of
 * their state attribute.
 *
 * @param root    the model's own type: every instance has one runtime object of it (its state is the instance's)
 * @param runtime objects of this type are created by operations while an instance runs, never written in models
 * @param states  the state domain, empty for types without runtime objects (e.g. a transition)
 * @param initial the state a new runtime object starts in
 * @param finals  states after which the object (for the root: the instance) takes no more events
 */
public record TypeDef(String name, Map<String, AttributeDef> attributes, List<String> states, String initial,
                      Set<String> finals, boolean root, boolean runtime, String file, int line) {

    public boolean hasStates() {
        return !states.isEmpty();
    }
}
