package io.tilework.process.failure;

/**
 * A value given to an instance (a payload, a variable an expression computed) that the store
 * cannot keep: not plain data, nested too deep, a map with a null key.
 */
public final class ValueNotKept extends ProcessFailure {

    public ValueNotKept(String message) {
        super(message);
    }
}
