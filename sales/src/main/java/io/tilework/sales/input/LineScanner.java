package io.tilework.sales.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the lines a {@link Split} owns, without loading the file: those starting in
 * {@code [start, end)}, the last one read past {@code end} to its line break. Lines end at LF; a
 * CR before it is dropped; a UTF-8 byte-order mark at the start of a file is skipped.
 */
public final class LineScanner {

    /** Receives each line: {@code bytes[from, to)}, without its line break; {@code offset} is where it starts in the file. */
    @FunctionalInterface
    public interface LineHandler {
        void line(byte[] bytes, int from, int to, long offset) throws IOException;
    }


    private LineScanner() {
    }

    /** Reads every line of {@code split}; returns how many lines it owns. */
    public static long scan(Split split, LineHandler handler) throws IOException {
        if (split.gzip()) {
            try (InputStream in = new GZIPInputStream(java.nio.file.Files.newInputStream(split.path()), 1 << 16)) {
                return scan(in::read, 0, Long.MAX_VALUE, true, handler);
            }
        }
        try (FileChannel channel = FileChannel.open(split.path(), StandardOpenOption.READ)) {
            long from = Math.max(0, split.start() - 1); // one byte back: is the split's first byte a line start?
            channel.position(from);
            Source source = (buffer, offset, length) -> channel.read(ByteBuffer.wrap(buffer, offset, length));
            return scan(source, from, split.end(), split.start() == 0, handler);
        }
    }

    @FunctionalInterface
    private interface Source {
        int read(byte[] buffer, int offset, int length) throws IOException;
    }

    /**
     * @param position  file offset of the first byte {@code source} gives
     * @param end       lines starting at or after this offset belong to the next split
     * @param atLineStart whether the first byte starts a line (else everything up to the first LF is skipped)
     */
    private static long scan(Source source, long position, long end, boolean atLineStart, LineHandler handler) throws IOException {
        Scratch scratch = Scratch.ofThisThread();
        byte[] buffer = scratch.lines;
        int filled = 0;
        int lineStart = 0;        // index in buffer of the current line's first byte
        long bufferOffset = position; // file offset of buffer[0]
        boolean skipping = !atLineStart;
        boolean first = position == 0;
        long lines = 0;
        int scanFrom = 0;
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
                } else {
                    long offset = bufferOffset + lineStart;
                    if (offset >= end) {
                        return lines;
                    }
                    emit(buffer, lineStart, newline, offset, first, handler);
                    first = false;
                    lines++;
                }
                lineStart = newline + 1;
                i = lineStart;
            }
            if (eof) {
                if (!skipping && lineStart < filled) { // a last line without a line break
                    long offset = bufferOffset + lineStart;
                    if (offset < end) {
                        emit(buffer, lineStart, filled, offset, first, handler);
                        lines++;
                    }
                }
                return lines;
            }
            if (bufferOffset + lineStart >= end && !skipping) {
                return lines;
            }
            // keep the unfinished line: move it to the front, or grow the buffer for a long one
            if (lineStart == 0 && filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
                scratch.lines = buffer;
            } else if (lineStart > 0) {
                System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
                filled -= lineStart;
                bufferOffset += lineStart;
                lineStart = 0;
            }
            scanFrom = filled;
        }
    }

    private static void emit(byte[] buffer, int from, int to, long offset, boolean fileStart, LineHandler handler) throws IOException {
        if (fileStart && to - from >= 3 && buffer[from] == (byte) 0xEF && buffer[from + 1] == (byte) 0xBB && buffer[from + 2] == (byte) 0xBF) {
            from += 3;
        }
        if (to > from && buffer[to - 1] == '\r') {
            to--;
        }
        handler.line(buffer, from, to, offset);
    }

    private static int indexOf(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
