package io.tilework.sales.reduce;

import io.tilework.engine.io.AtomicFile;
import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.input.Bytes;
import io.tilework.sales.input.Csv;
import io.tilework.sales.map.Partial;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes {@code rejects.csv}: every rejected row in input order with its file, line in the file,
 * reason code, reason in words and the raw line. The map step's per-split files and the duplicate
 * check's rows are merged into it; it appears whole or not at all ({@link AtomicFile}).
 */
public final class RejectsFile {

    public static final String HEADER = "file,line,reason,description,raw";
    private static final long LINE_FEEDS = Bytes.inEveryByte((byte) '\n');

    private RejectsFile() {
    }

    /**
     * @param lineOffsets for each split, the lines of the same file before it
     * @param duplicates  sorted by file, split and line
     */
    static void write(Path target, List<Path> files, List<Partial.SplitSummary> splits, long[] lineOffsets,
            List<DuplicateCheck.Duplicate> duplicates) throws IOException {
        AtomicFile.write(target, stream -> {
            var out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            rows(out, files, splits, lineOffsets, duplicates);
            out.flush();
        });
    }

    private static void rows(Writer out, List<Path> files, List<Partial.SplitSummary> splits, long[] lineOffsets,
            List<DuplicateCheck.Duplicate> duplicates) throws IOException {
        out.write(HEADER);
        out.write('\n');
        int next = 0;
        for (Partial.SplitSummary split : splits) {
            String file = files.get(split.file()).toString();
            long offset = lineOffsets[split.index()];
            if (split.rejectsFile() != null) {
                try (var in = new Records(Files.newInputStream(split.rejectsFile()))) {
                    String record;
                    while ((record = in.next()) != null) { // line TAB reason TAB detail TAB raw, see SplitMapper
                        int tab = record.indexOf('\t');
                        int secondTab = record.indexOf('\t', tab + 1);
                        int thirdTab = record.indexOf('\t', secondTab + 1);
                        int line = Integer.parseInt(record.substring(0, tab));
                        while (next < duplicates.size() && duplicates.get(next).split() == split.index()
                                && duplicates.get(next).line() < line) {
                            writeDuplicate(out, file, offset, duplicates.get(next++));
                        }
                        row(out, file, offset + line, RejectReason.valueOf(record.substring(tab + 1, secondTab)),
                                record.substring(secondTab + 1, thirdTab),
                                record.substring(thirdTab + 1).replace(io.tilework.sales.map.SplitMapper.RECORD_LINE_BREAK, '\n'));
                    }
                }
            }
            while (next < duplicates.size() && duplicates.get(next).split() == split.index()) {
                writeDuplicate(out, file, offset, duplicates.get(next++));
            }
        }
    }

    /**
     * A split's rejects file, a record at a time, up to each line feed. Not {@code readLine}: a rejected row may hold a
     * lone carriage return, which is part of its raw text, not the end of the record. Read in blocks of bytes (a
     * reader's character at a time was most of this serial step): in UTF-8 a line feed byte is always a line feed.
     */
    private static final class Records implements AutoCloseable {

        private final InputStream in;
        private byte[] buffer = new byte[1 << 16];
        private int from;
        private int to;

        Records(InputStream in) {
            this.in = in;
        }

        String next() throws IOException {
            int scanned = from;
            while (true) {
                int end = Bytes.indexOf(buffer, scanned, to, LINE_FEEDS, (byte) '\n');
                if (end < to) {
                    String record = new String(buffer, from, end - from, StandardCharsets.UTF_8);
                    from = end + 1;
                    return record;
                }
                scanned = to - from;
                if (!fill()) {
                    if (from == to) {
                        return null;
                    }
                    String last = new String(buffer, from, to - from, StandardCharsets.UTF_8);
                    from = to;
                    return last;
                }
            }
        }

        /** Moves what is left to the front (growing the buffer when a record fills it) and reads more; false at the end. */
        private boolean fill() throws IOException {
            int left = to - from;
            if (left == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            } else {
                System.arraycopy(buffer, from, buffer, 0, left);
            }
            from = 0;
            to = left;
            int read = in.read(buffer, to, buffer.length - to);
            if (read <= 0) {
                return false;
            }
            to += read;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static void writeDuplicate(Writer out, String file, long offset, DuplicateCheck.Duplicate duplicate) throws IOException {
        row(out, file, offset + duplicate.line(), RejectReason.DUPLICATE_ID, "", duplicate.raw());
    }

    /** One row; the description is the reason's, with {@code detail} (where, how long) after it when there is one. */
    private static void row(Writer out, String file, long line, RejectReason reason, String detail, String raw) throws IOException {
        out.write(Csv.field(file));
        out.write(',');
        out.write(Long.toString(line));
        out.write(',');
        out.write(reason.name());
        out.write(',');
        out.write(Csv.field(detail.isEmpty() ? reason.message() : reason.message() + ": " + detail));
        out.write(',');
        out.write(Csv.field(raw));
        out.write('\n');
    }
}
