package io.tilework.process.failure;

/** An expression that failed to evaluate or gave the wrong kind of value. */
public final class ExpressionFailed extends ProcessFailure {

    private final String reason;

    public ExpressionFailed(String message, Throwable cause) {
        this(message, message, cause);
    }

    /**
     * @param message the whole message, naming the expression
     * @param reason  what went wrong, without the expression (e.g. "undefined variable amont")
     */
    public ExpressionFailed(String message, String reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** What went wrong, without the expression. */
    public String reason() {
        return reason;
    }
}
