package io.tilework.sales.failure;

import java.nio.file.Path;

/** A row that stops a strict run: where it is, why, and the line as read. */
public final class BadRowException extends SalesFailure {

    /** Text, not a {@link Path}: the failure may be serialised to travel from a cluster worker to the coordinator. */
    private final String file;
    private final long line;
    private final RejectReason reason;
    private final String raw;
    private final String detail;
    /** The split whose map step found it, its line counted in that split; -1 once the line is the file's. */
    public final int split;

    public BadRowException(Path file, long line, RejectReason reason, String raw, String detail) {
        this(file, line, reason, raw, detail, -1);
    }

    /**
     * @param raw    the line as read, or its first bytes when it is too long to hold; the message shows a short excerpt
     * @param detail where in the line, or what exactly (empty if the reason says it all)
     * @param split  the split whose map step found it, {@code line} counted in that split; -1 when {@code line} is the file's
     */
    public BadRowException(Path file, long line, RejectReason reason, String raw, String detail, int split) {
        super(file + ":" + line + ": " + reason.message() + (detail.isEmpty() ? "" : " (" + detail + ")") + ": " + Excerpt.of(raw)
                + "; a strict run stops at the first bad row (without --strict, bad rows are listed in rejects.csv)");
        this.file = file.toString();
        this.line = line;
        this.reason = reason;
        this.raw = raw;
        this.detail = detail;
        this.split = split;
    }

    /** The same row at line {@code fileLine} of its file (the map step only knows its line in the split). */
    public BadRowException atFileLine(long fileLine) {
        return new BadRowException(file(), fileLine, reason, raw, detail, -1);
    }

    public Path file() {
        return Path.of(file);
    }

    public long line() {
        return line;
    }

    public RejectReason reason() {
        return reason;
    }

    public String raw() {
        return raw;
    }
}
