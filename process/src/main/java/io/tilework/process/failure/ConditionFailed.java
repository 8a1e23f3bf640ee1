package io.tilework.process.failure;

/**
 * A condition written in a model (a workflow transition's) that failed while an instance ran: it
 * used a variable the instance does not have, a method the sandbox refuses, or values of the
 * wrong type, or gave something other than true or false. The fault is the model's, not the
 * event's that met it: the message points into the model ({@code MODEL:LINE: transition NAME:
 * condition '...' failed: ...}), and the specification's {@code fault} event decides what becomes
 * of the instance (the workflow pack fails it).
 */
public final class ConditionFailed extends ProcessFailure {

    public ConditionFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
