package io.tilework.sales.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads the lines a {@link Split} owns, without loading the file: those starting in
 * {@code [start, end)}, the last one read past {@code end} to its line break. Lines end at LF; a
 * CR before it is dropped; a UTF-8 byte-order mark at the start of a file is skipped.
 *
 * <p>A line is held whole in a buffer that grows up to the maximum line size, never past it: a
 * longer line is handed over as its first bytes, its offset and its length
 * ({@link LineHandler#tooLong}), and the bytes between are read and dropped as they come. A split
 * that starts inside a line reads on only to its own end to find where the next line starts. So the
 * memory a scan takes is bounded by the maximum, whatever the input.
 */
public final class LineScanner {

    /** The longest line read by default: DuckDB's {@code max_line_size}, far above any transaction row. */
    public static final int DEFAULT_MAX_LINE_BYTES = 2 << 20;
    /** The least maximum: a header of a few columns. */
    public static final int MIN_MAX_LINE_BYTES = 1024;
    /** The greatest maximum: one array holds the line. */
    public static final int MAX_MAX_LINE_BYTES = 1 << 30;
    /** How much of a line too long to hold is kept: its first bytes, for the rejects file. */
    public static final int HEAD_BYTES = 256;

    /** Receives each line: {@code bytes[from, to)}, without its line break; {@code offset} is where it starts in the file. */
    @FunctionalInterface
    public interface LineHandler {
        void line(byte[] bytes, int from, int to, long offset) throws IOException;

        /**
         * A line longer than the maximum, not held: {@code head[from, to)} are its first bytes (at most
         * {@link #HEAD_BYTES}), {@code offset} where it starts in the file, {@code length} its bytes without the line
         * break. It counts as a line. By default it is passed over.
         */
        default void tooLong(byte[] head, int from, int to, long offset, long length) throws IOException {
        }

        /**
         * Whether the lines so far end inside a record that goes on on the next line (a quoted field holding a line
         * break): then the scan reads on past the split's end until the record is complete.
         */
        default boolean inRecord() {
            return false;
        }
    }

    private LineScanner() {
    }

    /** Reads every line of {@code split} up to the default maximum; returns how many lines it owns. */
    public static long scan(Split split, LineHandler handler) throws IOException {
        return scan(split, DEFAULT_MAX_LINE_BYTES, handler);
    }

    /** Reads every line of {@code split}, those over {@code maxLineBytes} as {@link LineHandler#tooLong}; returns how many lines it owns. */
    public static long scan(Split split, int maxLineBytes, LineHandler handler) throws IOException {
        if (split.gzip()) {
            try (InputStream in = GzipReader.open(split.path())) {
                return scan(in::read, 0, Long.MAX_VALUE, true, maxLineBytes, handler);
            }
        }
        try (FileChannel channel = FileChannel.open(split.path(), StandardOpenOption.READ)) {
            long from = Math.max(0, split.start() - 1); // one byte back: is the split's first byte a line start?
            channel.position(from);
            Source source = (buffer, offset, length) -> channel.read(ByteBuffer.wrap(buffer, offset, length));
            return scan(source, from, split.end(), split.start() == 0, maxLineBytes, handler);
        }
    }

    @FunctionalInterface
    private interface Source {
        int read(byte[] buffer, int offset, int length) throws IOException;
    }

    /**
     * @param position    file offset of the first byte {@code source} gives
     * @param end         lines starting at or after this offset belong to the next split
     * @param atLineStart whether the first byte starts a line (else everything up to the first LF is skipped)
     */
    private static long scan(Source source, long position, long end, boolean atLineStart, int maxLine, LineHandler handler)
            throws IOException {
        Scratch scratch = Scratch.ofThisThread();
        byte[] buffer = scratch.lines;
        int filled = 0;
        int lineStart = 0;            // index in buffer of the current line's first byte
        long bufferOffset = position; // file offset of buffer[0]
        boolean skipping = !atLineStart;
        boolean first = position == 0;
        long lines = 0;
        int scanFrom = 0;
        // a line too long to hold, being passed over: where it starts, its first bytes, its length so far
        long longStart = -1;
        long longLength = 0;
        byte[] head = null;
        while (true) {
            int read = source.read(buffer, filled, buffer.length - filled);
            boolean eof = read < 0;
            if (!eof) {
                filled += read;
            }
            int i = scanFrom;
            while (true) {
                int newline = indexOf(buffer, i, filled);
                if (newline < 0) {
                    break;
                }
                if (skipping) {
                    skipping = false;
                } else if (longStart >= 0) {
                    handler.tooLong(head, 0, head.length, longStart, longLength + newline - lineStart);
                    longStart = -1;
                    first = false;
                    lines++;
                } else {
                    long offset = bufferOffset + lineStart;
                    if (offset >= end && !handler.inRecord()) {
                        return lines;
                    }
                    emit(buffer, lineStart, newline, offset, first, maxLine, handler);
                    first = false;
                    lines++;
                }
                lineStart = newline + 1;
                i = lineStart;
            }
            if (eof) {
                if (skipping) {
                    return lines;
                }
                if (longStart >= 0) { // a last line without a line break
                    handler.tooLong(head, 0, head.length, longStart, longLength + filled - lineStart);
                    lines++;
                } else if (lineStart < filled && (bufferOffset + lineStart < end || handler.inRecord())) {
                    emit(buffer, lineStart, filled, bufferOffset + lineStart, first, maxLine, handler);
                    lines++;
                }
                return lines;
            }
            if (skipping) { // no line starts before the next LF: if that is past the end, this split owns none
                if (bufferOffset + filled >= end) {
                    return lines;
                }
                bufferOffset += filled;
                filled = 0;
                lineStart = 0;
            } else if (longStart >= 0) { // passed over
                longLength += filled - lineStart;
                bufferOffset += filled;
                filled = 0;
                lineStart = 0;
            } else if (bufferOffset + lineStart >= end && !handler.inRecord()) {
                return lines;
            } else if (filled - lineStart > maxLine) { // too long to hold: keep its head, drop the rest as it comes
                longStart = bufferOffset + lineStart;
                longLength = filled - lineStart;
                head = Arrays.copyOfRange(buffer, lineStart, Math.min(filled, lineStart + HEAD_BYTES));
                bufferOffset += filled;
                filled = 0;
                lineStart = 0;
            } else if (lineStart > 0) { // keep the unfinished line: move it to the front
                System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
                filled -= lineStart;
                bufferOffset += lineStart;
                lineStart = 0;
            } else if (filled == buffer.length) { // a long line, not over the maximum: grow the buffer up to it
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxLine + 1L));
                scratch.lines = buffer;
            }
            scanFrom = filled;
        }
    }

    private static void emit(byte[] buffer, int from, int to, long offset, boolean fileStart, int maxLine, LineHandler handler)
            throws IOException {
        if (fileStart && to - from >= 3 && buffer[from] == (byte) 0xEF && buffer[from + 1] == (byte) 0xBB && buffer[from + 2] == (byte) 0xBF) {
            from += 3;
        }
        if (to - from > maxLine) {
            handler.tooLong(buffer, from, Math.min(to, from + HEAD_BYTES), offset, to - from);
            return;
        }
        if (to > from && buffer[to - 1] == '\r') {
            to--;
        }
        handler.line(buffer, from, to, offset);
    }

    private static final long NEWLINES = Bytes.inEveryByte((byte) '\n');

    private static int indexOf(byte[] buffer, int from, int to) {
        int i = Bytes.indexOf(buffer, from, to, NEWLINES, (byte) '\n');
        return i < to ? i : -1;
    }
}
