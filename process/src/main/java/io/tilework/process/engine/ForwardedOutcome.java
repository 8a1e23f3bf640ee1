package io.tilework.process.engine;

/**
 * What became of a command another engine forwarded (by its {@code id} in the database): its
 * outcome, or the defect it met ({@code outcome} null). Written in the transaction of the batch that
 * processed it, so it is answered exactly when its effects are committed.
 */
public record ForwardedOutcome(long id, Outcome outcome, String defect) {
}
