package io.tilework.process.spec;

/**
 * A rule every model of the meta-model must keep, checked when a model is validated or deployed.
 *
 * @param type  null: {@code check} is evaluated once for the model; otherwise once per element of
 *              the type, as {@code self}
 * @param check a condition over the model ({@code ctx.where(...)}, {@code self})
 */
public record Constraint(String type, String check, String message, int line) {
}
