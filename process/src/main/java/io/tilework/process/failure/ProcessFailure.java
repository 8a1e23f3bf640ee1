package io.tilework.process.failure;

import io.tilework.engine.failure.UserFailure;

/**
 * What a user of processes can get wrong, and nothing else: a file that is not valid, a model or
 * instance that is not there, an event the instance does not accept, an expression of theirs that
 * fails, a store they cannot use. The engine records a rejected event only for these; any other
 * exception is a defect of Tilework and fails the command that met it.
 */
public abstract sealed class ProcessFailure extends UserFailure
        permits ConditionFailed, DefinitionInvalid, EngineBusy, EventRejected, ExpressionFailed, MalformedYaml, NotFound, StoreUnavailable,
        ValueNotKept {

    ProcessFailure(String message) {
        super(message);
    }

    ProcessFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
