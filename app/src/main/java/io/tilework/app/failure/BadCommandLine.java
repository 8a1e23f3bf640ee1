package io.tilework.app.failure;

/**
 * An option's value found wrong after parsing, where picocli's own checks cannot see it (a
 * duration, a NAME=VALUE pair, a JSON text): exit 2, like any other wrong command line.
 */
public final class BadCommandLine extends RuntimeException {

    public BadCommandLine(String message) {
        super(message);
    }
}
