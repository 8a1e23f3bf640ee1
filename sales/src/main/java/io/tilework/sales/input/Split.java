package io.tilework.sales.input;

import java.nio.file.Path;

/**
 * A byte range of one input file. A split owns the lines that start in {@code [start, end)}; the
 * line that crosses {@code end} is read whole by this split and skipped by the next. A gzip file
 * cannot be entered in the middle: it is one split, {@code start} 0 and {@code end} its length.
 *
 * @param index     position of this split among all, in file order (line numbers are counted in that order)
 * @param file      index of the file among the inputs
 * @param firstOfFile whether this split starts the file (it then holds the header)
 */
public record Split(int index, int file, Path path, long start, long end, boolean gzip, boolean firstOfFile) {
}
