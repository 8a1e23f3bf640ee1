package io.tilework.process.store;

/** The process store cannot be opened, read or written; the message names the file. */
public final class ProcessStoreException extends IllegalStateException {

    public ProcessStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
