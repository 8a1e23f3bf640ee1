package io.tilework.process.expression;

/** An expression that failed to evaluate or gave the wrong kind of value. */
public final class ExpressionException extends IllegalArgumentException {

    public ExpressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
