package io.tilework.process.failure;

/** Another process engine runs on the store; only one may at a time. The message says how to stop it. */
public final class EngineBusy extends ProcessFailure {

    public EngineBusy(String message) {
        super(message);
    }
}
