package io.tilework.process.failure;

/** The process store cannot be opened, read or written; the message names the file. */
public final class StoreUnavailable extends ProcessFailure {

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
