package io.tilework.sales;

import java.nio.file.Path;

/** A row that stops a strict run: where it is, why, and the line as read. */
public final class BadRowException extends RuntimeException {

    private final Path file;
    private final long line;
    private final RejectReason reason;

    public BadRowException(Path file, long line, RejectReason reason, String raw, String detail) {
        super(file + ":" + line + ": " + reason.message() + (detail.isEmpty() ? "" : " (" + detail + ")") + ": " + raw
                + "\n(a strict run stops at the first bad row; drop --strict to write bad rows to the rejects file instead)");
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }

    public RejectReason reason() {
        return reason;
    }
}
