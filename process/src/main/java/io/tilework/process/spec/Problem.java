package io.tilework.process.spec;

import io.tilework.process.yaml.Excerpt;

/**
 * A problem found by validation: where, in which element, and what. One line whatever the file
 * holds: the element and message are escaped and cut (a key may be a megabyte long or hold a
 * line break).
 */
public record Problem(String file, int line, String element, String message) {

    public Problem {
        element = element == null ? null : Excerpt.of(element);
        message = Excerpt.of(message, Excerpt.LINE);
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + (element == null || element.isEmpty() ? "" : element + ": ") + message;
    }
}
