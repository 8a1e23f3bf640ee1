package io.tilework.sales.failure;

import java.nio.file.Path;

/**
 * An input file that cannot be read as CSV text at all: a binary file or another format given as
 * CSV, text that is not UTF-8, a gzip file that is truncated or damaged. Its message names the file,
 * what it looks like or where it breaks (a byte offset), and what to do; no report is written, since
 * one made of part of the data would give wrong figures.
 */
public final class UnreadableInput extends SalesFailure {

    /** Text, not a {@link Path}: the failure may be serialised to travel from a cluster worker to the coordinator. */
    private final String file;

    public UnreadableInput(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file.toString();
    }

    public Path file() {
        return Path.of(file);
    }
}
