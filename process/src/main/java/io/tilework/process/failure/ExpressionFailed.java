package io.tilework.process.failure;

/** An expression that failed to evaluate or gave the wrong kind of value. */
public final class ExpressionFailed extends ProcessFailure {

    public ExpressionFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
