package io.tilework.sales.input;

import io.tilework.sales.failure.UnreadableInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The start of an input file, read before its splits are planned: its first block checked to be
 * CSV text ({@link Sniff}: not a binary file or another format, not another encoding than UTF-8;
 * for a {@code .gz} file, the decompressed text), and its first line, the header.
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
        boolean gzip = Splits.isGzip(file);
        try (InputStream in = open(file)) {
            byte[] block = new byte[Sniff.BLOCK];
            int length = in.readNBytes(block, 0, block.length);
            boolean whole = length < block.length;
            checkText(file, gzip, block, length, whole);
            int newline = indexOf(block, length, (byte) '\n');
            byte[] line;
            if (newline >= 0) {
                line = Arrays.copyOf(block, newline);
            } else if (whole) {
                line = Arrays.copyOf(block, length);
            } else {
                line = readOn(file, in, block, maxLineBytes);
            }
            if (line.length > maxLineBytes) {
                throw tooLong(file, maxLineBytes);
            }
            return line;
        }
    }

    private static void checkText(Path file, boolean gzip, byte[] block, int length, boolean whole) {
        var format = Sniff.format(block, length);
        if (format.isPresent()) {
            if (!gzip && format.get().startsWith("gzip")) {
                throw new UnreadableInput(file, "gzip-compressed data, but its name does not end in .gz; rename it " + file.getFileName()
                        + ".gz so that it is read through gzip");
            }
            throw new UnreadableInput(file, (gzip ? "its decompressed data is not CSV text: it looks like " : "not CSV text: it looks like ")
                    + format.get() + " (it starts with the bytes " + Sniff.hex(block, length) + "); give the transactions as UTF-8 CSV text");
        }
        Sniff.notText(block, length, whole).ifPresent(problem -> {
            throw new UnreadableInput(file, (gzip ? "its decompressed data is not UTF-8 CSV text: " : "not UTF-8 CSV text: ") + problem);
        });
    }

    /** The first line when it is longer than the first block: read on, up to the maximum. */
    private static byte[] readOn(Path file, InputStream in, byte[] block, int maxLineBytes) throws IOException {
        var line = new ByteArrayOutputStream();
        line.write(block, 0, block.length);
        byte[] more = new byte[Sniff.BLOCK];
        while (line.size() <= maxLineBytes) {
            int n = in.read(more);
            if (n < 0) {
                break;
            }
            int newline = indexOf(more, n, (byte) '\n');
            line.write(more, 0, newline >= 0 ? newline : n);
            if (newline >= 0) {
                break;
            }
        }
        if (line.size() > maxLineBytes) {
            throw tooLong(file, maxLineBytes);
        }
        return line.toByteArray();
    }

    private static UnreadableInput tooLong(Path file, int maxLineBytes) {
        return new UnreadableInput(file, "the first line is longer than " + maxLineBytes + " bytes (--max-line-size); is this a CSV file "
                + "whose first line names the columns?");
    }

    private static int indexOf(byte[] b, int length, byte value) {
        for (int i = 0; i < length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
