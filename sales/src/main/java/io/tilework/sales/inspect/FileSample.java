package io.tilework.sales.inspect;

import io.tilework.sales.failure.UnreadableInput;
import io.tilework.sales.input.GzipReader;
import io.tilework.sales.input.Sniff;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first bytes of a file (decompressed for a {@code .gz}, through the module's
 * {@link GzipReader}): whole lines, enough for {@code rows} rows and never more than {@code maxBytes}.
 * Nothing past them is read, so a sample of a 1 GB file costs what the sample costs.
 *
 * @param bytes the sample, cut after its last line break unless it is the whole file
 * @param whole whether the sample is the whole (decompressed) file
 */
record FileSample(byte[] bytes, boolean whole) {

    private static final int CHUNK = 64 * 1024;

    static InputStream open(Path file) throws IOException {
        return file.getFileName().toString().endsWith(".gz") ? GzipReader.open(file) : Files.newInputStream(file);
    }

    static FileSample read(Path file, long rows, long maxBytes) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        long lines = 0;
        boolean whole = false;
        try (InputStream in = open(file)) {
            while (out.size() < maxBytes && lines <= rows) {
                int n = in.readNBytes(chunk, 0, (int) Math.min(CHUNK, maxBytes - out.size()));
                if (n <= 0) {
                    whole = true;
                    break;
                }
                if (out.size() == 0) {
                    refuseBinary(file, chunk, n);
                }
                for (int i = 0; i < n; i++) {
                    lines += chunk[i] == '\n' ? 1 : 0;
                }
                out.write(chunk, 0, n);
            }
            if (!whole && out.size() < maxBytes && in.read() < 0) {
                whole = true;
            }
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length == 0 || isBlank(bytes)) {
            throw new UnreadableInput(file, (bytes.length == 0 ? "the file is empty" : "the file holds only blank lines")
                    + ": there is nothing to inspect");
        }
        if (!whole) {
            int last = bytes.length - 1;
            while (last >= 0 && bytes[last] != '\n') {
                last--;
            }
            if (last < 0) {
                throw new UnreadableInput(file, "no line break in its first " + bytes.length + " bytes: not line-oriented CSV, "
                        + "or a sample too small (raise --sample-rows)");
            }
            bytes = java.util.Arrays.copyOf(bytes, last + 1);
        }
        return new FileSample(bytes, whole);
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != '\n' && b != '\r' && b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** A known binary format or NUL bytes: what the file is instead, as the report command says it. */
    private static void refuseBinary(Path file, byte[] head, int n) {
        var format = Sniff.format(head, n);
        if (format.isPresent()) {
            throw new UnreadableInput(file, "not CSV text: it looks like " + format.get() + " (it starts with the bytes " + Sniff.hex(head, n) + ")");
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                throw new UnreadableInput(file, "not CSV text: it holds a NUL byte at byte " + i + ", which text never does");
            }
        }
    }
}
