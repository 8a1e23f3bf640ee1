package io.tilework.sales.input;

import io.tilework.sales.failure.SalesInputInvalid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads back the lines that start at given offsets of one input file (CR dropped): the few rows
 * the duplicate check must see again. A plain file is read where each line is; a gzip file, which
 * cannot be entered in the middle, is read through once.
 */
public final class LinesAt {

    private LinesAt() {
    }

    /** The lines at {@code offsets}, each at most {@code maxLineBytes} long (they are lines the map step accepted). */
    public static Map<Long, String> read(Split wholeFile, Set<Long> offsets, int maxLineBytes) throws IOException {
        return read(wholeFile, offsets, maxLineBytes, StandardCharsets.UTF_8, null);
    }

    /**
     * As {@link #read(Split, Set, int)}, the lines decoded from {@code charset}, the file's encoding; with
     * {@code complete} (else null), the records: while the text read is not {@code complete} (a quoted field holds a
     * line break), a line break and the next line are added to it.
     */
    public static Map<Long, String> read(Split wholeFile, Set<Long> offsets, int maxLineBytes, java.nio.charset.Charset charset,
            java.util.function.Predicate<String> complete) throws IOException {
        Map<Long, String> lines = wholeFile.gzip() ? readGzip(wholeFile, offsets, maxLineBytes, charset, complete)
                : readPlain(wholeFile, offsets, maxLineBytes, charset, complete);
        return lines;
    }

    private static Map<Long, String> readPlain(Split file, Set<Long> offsets, int maxLineBytes, java.nio.charset.Charset charset,
            java.util.function.Predicate<String> complete) throws IOException {
        var lines = new HashMap<Long, String>();
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            for (long start : offsets) {
                long[] next = {start};
                String text = readLine(file, channel, next, maxLineBytes, charset);
                for (int more = 0; complete != null && !complete.test(text) && more < 64 && next[0] >= 0; more++) {
                    text = text + "\n" + readLine(file, channel, next, maxLineBytes, charset);
                }
                lines.put(start, text);
            }
        }
        return lines;
    }

    /** The line at {@code next[0]}; {@code next[0]} becomes where the next one starts (-1 at the end of the file). */
    private static String readLine(Split file, FileChannel channel, long[] next, int maxLineBytes, java.nio.charset.Charset charset)
            throws IOException {
        long offset = next[0];
        byte[] b = new byte[512]; // a row is tens of bytes: reading kilobytes for each made this serial step slow
        int filled = 0;
        int end;
        while (true) {
            int read = channel.read(ByteBuffer.wrap(b, filled, b.length - filled), offset + filled);
            if (read < 0) {
                end = filled;
                break;
            }
            end = indexOf(b, filled, filled + read);
            filled += read;
            if (end >= 0) {
                break;
            }
            if (filled > maxLineBytes + 1) {
                throw new SalesInputInvalid(file.path() + ": the line at byte " + offset + " is no longer the one read "
                        + "(was the file changed during the run?); run the report again");
            }
            if (filled == b.length) {
                b = Arrays.copyOf(b, b.length * 2);
            }
        }
        int to = end > 0 && b[end - 1] == '\r' ? end - 1 : end;
        int from = offset == 0 && to >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? 3 : 0;
        next[0] = end < filled ? offset + end + 1 : -1;
        return new String(b, from, to - from, charset);
    }

    private static int indexOf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static Map<Long, String> readGzip(Split file, Set<Long> offsets, int maxLineBytes, java.nio.charset.Charset charset,
            java.util.function.Predicate<String> complete) throws IOException {
        var wanted = new HashSet<>(offsets);
        var lines = new HashMap<Long, String>();
        long[] open = {-1, 0}; // a record being completed: its offset, and the lines added
        LineScanner.scan(file, maxLineBytes, (bytes, from, to, offset) -> {
            String text = new String(Arrays.copyOfRange(bytes, from, to), charset);
            if (open[0] >= 0) {
                String record = lines.get(open[0]) + "\n" + text;
                lines.put(open[0], record);
                if (complete.test(record) || ++open[1] >= 64) {
                    open[0] = -1;
                }
            }
            if (wanted.contains(offset)) {
                lines.put(offset, text);
                if (complete != null && !complete.test(text)) {
                    open[0] = offset;
                    open[1] = 0;
                }
            }
        });
        return lines;
    }
}
