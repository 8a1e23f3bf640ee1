package io.tilework.sales.input;

import io.tilework.sales.failure.UnreadableInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start of an input file, read before its splits are planned: its first block checked to be
 * CSV text ({@link Sniff}: not a binary file or another format, not another encoding than the one
 * declared; for a {@code .gz} file, the decompressed text), and its first lines: those a schema
 * skips, and the header.
 */
public final class FileHead {

    private FileHead() {
    }

    /** {@code file}'s bytes as text: decompressed if its name ends with {@code .gz}. */
    public static InputStream open(Path file) throws IOException {
        return Splits.isGzip(file) ? GzipReader.open(file) : Files.newInputStream(file);
    }

    /**
     * The first line of {@code file}, without its line break, once its first block is found to be CSV text.
     *
     * @throws UnreadableInput if the file is not CSV text (saying what it looks like and where), or its first line is
     *                         longer than {@code maxLineBytes}
     */
    public static byte[] firstLine(Path file, int maxLineBytes) throws IOException {
        return firstLines(file, 1, maxLineBytes, true).get(0);
    }

    /**
     * The first {@code count} lines of {@code file} (fewer if it has fewer, but at least one, maybe empty), without
     * their line breaks, once its first block is found to be CSV text; not {@code utf8}: in a one-byte encoding.
     */
    public static List<byte[]> firstLines(Path file, int count, int maxLineBytes, boolean utf8) throws IOException {
        boolean gzip = Splits.isGzip(file);
        try (InputStream in = open(file)) {
            byte[] block = new byte[Sniff.BLOCK];
            int length = in.readNBytes(block, 0, block.length);
            boolean whole = length < block.length;
            checkText(file, gzip, block, length, whole, utf8);
            var lines = new ArrayList<byte[]>();
            var line = new ByteArrayOutputStream();
            byte[] chunk = block;
            int n = length;
            while (true) {
                int from = 0;
                for (int i = 0; i < n && lines.size() < count; i++) {
                    if (chunk[i] == '\n') {
                        line.write(chunk, from, i - from);
                        from = i + 1;
                        if (line.size() > maxLineBytes) {
                            throw tooLong(file, maxLineBytes, lines.size() + 1);
                        }
                        lines.add(line.toByteArray());
                        line.reset();
                    }
                }
                if (lines.size() == count) {
                    return lines;
                }
                line.write(chunk, from, n - from);
                if (line.size() > maxLineBytes) {
                    throw tooLong(file, maxLineBytes, lines.size() + 1);
                }
                if (chunk == block) {
                    if (whole) {
                        n = -1;
                    } else {
                        chunk = new byte[Sniff.BLOCK];
                        n = in.read(chunk);
                    }
                } else {
                    n = in.read(chunk);
                }
                if (n < 0) {
                    if (line.size() > 0 || lines.isEmpty()) {
                        lines.add(line.toByteArray());
                    }
                    return lines;
                }
            }
        }
    }

    private static void checkText(Path file, boolean gzip, byte[] block, int length, boolean whole, boolean utf8) {
        var format = Sniff.format(block, length);
        if (format.isPresent()) {
            if (!gzip && format.get().startsWith("gzip")) {
                throw new UnreadableInput(file, "gzip-compressed data, but its name does not end in .gz; rename it " + file.getFileName()
                        + ".gz so that it is read through gzip");
            }
            throw new UnreadableInput(file, (gzip ? "its decompressed data is not CSV text: it looks like " : "not CSV text: it looks like ")
                    + format.get() + " (it starts with the bytes " + Sniff.hex(block, length) + "); give the transactions as UTF-8 CSV text");
        }
        Sniff.notText(block, length, whole, utf8).ifPresent(problem -> {
            throw new UnreadableInput(file, (gzip ? "its decompressed data is not " : "not ") + (utf8 ? "UTF-8 " : "") + "CSV text: "
                    + problem);
        });
    }

    private static UnreadableInput tooLong(Path file, int maxLineBytes, int line) {
        return new UnreadableInput(file, (line == 1 ? "the first line" : "line " + line) + " is longer than " + maxLineBytes
                + " bytes (--max-line-size); is this a CSV file whose first line names the columns?");
    }
}
