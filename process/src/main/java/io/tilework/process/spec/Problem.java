package io.tilework.process.spec;

/** A problem found by validation: where, in which element, and what. */
public record Problem(String file, int line, String element, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + (element == null || element.isEmpty() ? "" : element + ": ") + message;
    }
}
