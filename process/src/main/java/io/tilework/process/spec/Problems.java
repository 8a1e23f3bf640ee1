package io.tilework.process.spec;

import io.tilework.process.failure.DefinitionInvalid;
import io.tilework.process.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;

/** Collects problems so that validation reports all of them, not the first. */
public final class Problems {

    private final List<Problem> found = new ArrayList<>();

    public void add(YamlNode where, String element, String message) {
        found.add(new Problem(where.file(), where.line(), element, message));
    }

    public void add(String file, int line, String element, String message) {
        found.add(new Problem(file, line, element, message));
    }

    public List<Problem> list() {
        return List.copyOf(found);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws listing every problem, if there is one. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new DefinitionInvalid(found);
        }
    }
}
