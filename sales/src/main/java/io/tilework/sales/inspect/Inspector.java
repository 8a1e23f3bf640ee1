package io.tilework.sales.inspect;

import io.tilework.sales.failure.UnreadableInput;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Inspects sales CSVs nobody has described: {@link #inspect} reads a sample of each file (or,
 * asked, every byte), finds its encoding ({@link EncodingGuess}), dialect ({@link DialectGuess}),
 * whether a header names the columns, each column's type, nulls and distinct values
 * ({@link ColumnProfile}), and proposes which column is which concept ({@link ConceptMatcher}).
 * The first file gives the dialect and the header; the others are profiled with it when their
 * header is the same, and said to differ when not.
 *
 * {@snippet lang="shell" :
 * tilework sales inspect dealer.csv --out dealer.yaml
 * }
 */
public final class Inspector {

    /**
     * @param sampleRows  rows read from each file (after the header)
     * @param sampleBytes the most bytes read from each file (decompressed)
     * @param full        read every byte of every file instead of a sample
     */
    public record Options(long sampleRows, long sampleBytes, boolean full) {

        public static final long DEFAULT_ROWS = 10_000;
        public static final long DEFAULT_BYTES = 8L << 20;

        public static Options sample(long rows) {
            return new Options(rows, DEFAULT_BYTES, false);
        }
    }

    /** Bytes read out of the files' total, for a progress bar ({@code total} 0 when unknown: a gzip file's decompressed size). */
    public interface Progress {
        void update(long done, long total);
    }

    private Inspector() {
    }

    public static Inspection inspect(List<Path> files, Options options, Progress progress) throws IOException {
        List<Inspection.FileReport> reports = new ArrayList<>();
        List<ColumnProfile> columns = null;
        DialectGuess dialect = null;
        EncodingGuess encoding = null;
        boolean header = false;
        List<String> names = null;
        for (Path file : files) {
            FileSample sample = FileSample.read(file, options.sampleRows() + 64, options.sampleBytes());
            EncodingGuess fileEncoding = EncodingGuess.of(sample.bytes(), sample.bytes().length, sample.whole());
            int from = fileEncoding.bom() ? 3 : 0;
            String text = new String(sample.bytes(), from, sample.bytes().length - from, fileEncoding.charset());
            DialectGuess fileDialect = DialectGuess.of(text.length() > 65_536 ? text.substring(0, text.lastIndexOf('\n', 65_536) + 1) : text);
            List<String> warnings = new ArrayList<>();
            if (dialect == null) {
                encoding = fileEncoding;
                dialect = fileDialect;
            } else if (!fileEncoding.name().equals(encoding.name()) || fileDialect.delimiter() != dialect.delimiter()) {
                warnings.add("its encoding or delimiter (" + fileEncoding.label() + ", '" + fileDialect.delimiter() + "') differs from "
                        + files.getFirst().getFileName() + "'s; it was not profiled and the schema does not fit it");
                reports.add(new Inspection.FileReport(file, Files.size(file), sample.bytes().length, 0, sample.whole(), fileEncoding,
                        fileDialect, false, List.of(), List.of(), warnings));
                continue;
            }
            Reader in = options.full() ? fullReader(file, encoding, progress) : new StringReader(text);
            var records = new CsvRecords(in, dialect.delimiter(), dialect.quote(), dialect.escape());
            List<String> skipped = new ArrayList<>();
            CsvRecords.Row row = records.next();
            while (row != null && row.line() <= dialect.skip()) {
                skipped.add(String.join(String.valueOf(dialect.delimiter()), row.fields()));
                row = records.next();
            }
            List<CsvRecords.Row> firstRows = new ArrayList<>();
            for (int i = 0; i < 64 && row != null; i++, row = records.next()) {
                firstRows.add(row);
            }
            boolean fileHeader = !firstRows.isEmpty() && looksLikeHeader(firstRows);
            List<String> fileNames = fileHeader ? firstRows.getFirst().fields().stream().map(String::strip).toList() : List.of();
            if (columns == null) {
                header = fileHeader;
                names = fileNames;
                columns = new ArrayList<>();
                for (int i = 0; i < dialect.fields(); i++) {
                    String name = header && i < names.size() ? names.get(i) : "";
                    var column = new ColumnProfile(i, name.isEmpty() ? "column " + (i + 1) : name);
                    // a blank or repeated header name cannot say which column it is: the schema gives its position
                    column.named = !name.isEmpty() && names.stream().filter(name::equalsIgnoreCase).count() == 1;
                    if (header && !column.named) {
                        warnings.add("column " + (i + 1) + (name.isEmpty() ? " has no name" : " repeats the name '" + name + "'")
                                + " in the header: the schema names it by position");
                    }
                    columns.add(column);
                }
            } else if (fileHeader != header || !fileNames.stream().map(String::toLowerCase).toList()
                    .equals(names.stream().map(String::toLowerCase).toList())) {
                warnings.add("its header differs from " + files.getFirst().getFileName() + "'s (" + String.join(", ", fileNames)
                        + "); it was not profiled and the schema does not fit it");
                reports.add(new Inspection.FileReport(file, Files.size(file), sample.bytes().length, 0, sample.whole(), fileEncoding,
                        fileDialect, fileHeader, fileNames, skipped, warnings));
                continue;
            }
            long rows = 0;
            long odd = 0;
            long multiLine = 0;
            long limit = options.full() ? Long.MAX_VALUE : options.sampleRows();
            List<CsvRecords.Row> pending = new ArrayList<>(fileHeader ? firstRows.subList(1, firstRows.size()) : firstRows);
            for (int i = 0; rows < limit; i++) {
                CsvRecords.Row r = i < pending.size() ? pending.get(i) : row;
                if (r == null) {
                    break;
                }
                if (i >= pending.size()) {
                    row = records.next();
                }
                if (r.fields().size() == 1 && r.fields().getFirst().isBlank()) {
                    continue;
                }
                if (r.fields().size() != columns.size()) {
                    odd++;
                    continue;
                }
                rows++;
                boolean lineBreak = false;
                for (int c = 0; c < columns.size(); c++) {
                    String field = r.fields().get(c);
                    columns.get(c).add(field);
                    lineBreak |= field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0;
                }
                multiLine += lineBreak ? 1 : 0;
            }
            in.close();
            if (multiLine > 0) {
                warnings.add(multiLine + " rows hold a line break inside a quoted field (a row on several lines)");
            }
            if (odd > 0) {
                warnings.add(odd + " rows have not " + columns.size() + " fields (they would be rejected, COLUMN_COUNT)");
            }
            if (!fileEncoding.doubleDecoded().isEmpty()) {
                warnings.add(fileEncoding.doubleDecoded().replace("FILE", file.toString()));
            }
            long sampled = options.full() ? Files.size(file) : sample.bytes().length;
            reports.add(new Inspection.FileReport(file, Files.size(file), sampled, rows, options.full() || sample.whole(), fileEncoding,
                    fileDialect, fileHeader, fileNames, skipped, warnings));
        }
        return new Inspection(reports, encoding, dialect, header, columns, ConceptMatcher.propose(columns, header));
    }

    /**
     * A header: the first record's fields are all non-empty, distinct, and none is a number or a
     * date, while some column below holds numbers or dates, or its values differ from the first
     * record's field.
     */
    static boolean looksLikeHeader(List<CsvRecords.Row> rows) {
        List<String> first = rows.getFirst().fields();
        long blank = first.stream().filter(String::isBlank).count();
        if (blank * 2 > first.size()) {
            return false;
        }
        for (String field : first) { // a blank name is allowed (pandas writes its index column so), not a number or a date
            var probe = new ColumnProfile(0, "");
            probe.add(field);
            if (!field.isBlank() && probe.type() != ColumnProfile.Type.TEXT) {
                return false;
            }
        }
        if (rows.size() == 1) {
            return true;
        }
        for (int c = 0; c < first.size(); c++) {
            var below = new ColumnProfile(c, "");
            boolean repeats = false;
            for (CsvRecords.Row row : rows.subList(1, rows.size())) {
                if (row.fields().size() == first.size()) {
                    below.add(row.fields().get(c));
                    repeats |= row.fields().get(c).strip().equalsIgnoreCase(first.get(c).strip());
                }
            }
            if (below.type() != ColumnProfile.Type.TEXT && below.type() != ColumnProfile.Type.EMPTY || !repeats) {
                return true;
            }
        }
        return false;
    }

    /** Every byte of {@code file}, decoded (invalid bytes replaced and counted by the profile as text), with progress. */
    private static Reader fullReader(Path file, EncodingGuess encoding, Progress progress) throws IOException {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        long total = gzip ? 0 : Files.size(file);
        InputStream raw = new FilterInputStream(new BufferedInputStream(FileSample.open(file), 1 << 16)) {
            private long done;
            private long shown;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                for (int i = off; i < off + n; i++) {
                    if (b[i] == 0) { // past the sample, binary data still stops the reading
                        throw new UnreadableInput(file, "not CSV text: it holds a NUL byte at byte " + (done + i - off)
                                + (gzip ? " of its decompressed data" : "") + ", which text never does");
                    }
                }
                done += Math.max(0, n);
                if (done - shown >= 1 << 22 || n < 0) {
                    shown = done;
                    progress.update(done, total);
                }
                return n;
            }
        };
        if (encoding.bom()) {
            raw.readNBytes(3); // read, not skipped: counted
        }
        var decoder = encoding.charset().newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new InputStreamReader(raw, decoder);
    }
}
