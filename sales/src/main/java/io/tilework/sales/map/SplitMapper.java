package io.tilework.sales.map;

import io.tilework.sales.failure.BadRowException;
import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.failure.Utf8;
import io.tilework.sales.input.CsvLayout;
import io.tilework.sales.input.LineScanner;
import io.tilework.sales.input.Scratch;
import io.tilework.sales.input.Split;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The map step: reads one split's lines, validates each row, adds accepted rows to sums per
 * city, month and model, keeps their transaction ids for the duplicate check, and writes rejected
 * rows (line within the split, reason, raw line) to the split's rejects file. Both files go to the
 * run's work directory.
 *
 * <p>A cluster worker runs it as function {@value #FUNCTION} (the chunk kind): {@link #parameters()} is everything
 * it needs, as text, and {@link #of(Map)} makes the same mapper again on the worker, which reads the split by its
 * path and writes to the work directory on the disk it shares with the coordinator.
 */
public final class SplitMapper {

    /** The remote function that maps one split, and the kind of its chunks. */
    public static final String FUNCTION = "sales.map";

    /** Where the KPI columns are in one file, from its header line. */
    public record FileColumns(int[] positions, int columns) {
    }

    private final Split split;
    private final FileColumns layout;
    private final char delimiter;
    private final int maxLineBytes;
    private final Path workDirectory;
    private final boolean strict;
    /** The name of the split's files in the work directory, before their extension. */
    private final String stem;

    /** @param maxLineBytes a longer line is rejected ({@link RejectReason#LINE_TOO_LONG}), never held */
    public SplitMapper(Split split, FileColumns layout, char delimiter, int maxLineBytes, Path workDirectory, boolean strict) {
        this.split = split;
        this.layout = layout;
        this.delimiter = delimiter;
        this.maxLineBytes = maxLineBytes;
        this.workDirectory = workDirectory;
        this.strict = strict;
        this.stem = "split-" + split.index();
    }

    private SplitMapper(SplitMapper mapper, String stem) {
        this.split = mapper.split;
        this.layout = mapper.layout;
        this.delimiter = mapper.delimiter;
        this.maxLineBytes = mapper.maxLineBytes;
        this.workDirectory = mapper.workDirectory;
        this.strict = mapper.strict;
        this.stem = stem;
    }

    /**
     * This mapper as a remote descriptor's parameters. The file is named as the coordinator was given it (failures
     * name it so); a relative name is read from the coordinator's working directory, sent along.
     */
    public Map<String, String> parameters() {
        var p = new HashMap<String, String>();
        p.put("file", split.path().toString());
        p.put("cwd", System.getProperty("user.dir"));
        p.put("fileIndex", Integer.toString(split.file()));
        p.put("split", Integer.toString(split.index()));
        p.put("start", Long.toString(split.start()));
        p.put("end", Long.toString(split.end()));
        p.put("gzip", Boolean.toString(split.gzip()));
        p.put("firstOfFile", Boolean.toString(split.firstOfFile()));
        p.put("positions", String.join(",", Arrays.stream(layout.positions()).mapToObj(Integer::toString).toList()));
        p.put("columns", Integer.toString(layout.columns()));
        p.put("delimiter", Character.toString(delimiter));
        p.put("maxLine", Integer.toString(maxLineBytes));
        p.put("work", workDirectory.toAbsolutePath().toString());
        p.put("strict", Boolean.toString(strict));
        return p;
    }

    /**
     * The mapper {@link #parameters()} describe, on a worker. Its files get a name of their own (a chunk whose worker
     * was lost may run twice at once; each run writes its own files, and its partial names them). A relative input
     * name is kept as is where the working directory is the coordinator's, so failures read alike.
     */
    public static SplitMapper of(Map<String, String> p) {
        Path file = Path.of(p.get("file"));
        if (!file.isAbsolute() && !p.get("cwd").equals(System.getProperty("user.dir"))) {
            file = Path.of(p.get("cwd")).resolve(file);
        }
        int index = Integer.parseInt(p.get("split"));
        var split = new Split(index, Integer.parseInt(p.get("fileIndex")), file, Long.parseLong(p.get("start")),
                Long.parseLong(p.get("end")), Boolean.parseBoolean(p.get("gzip")), Boolean.parseBoolean(p.get("firstOfFile")));
        String positions = p.get("positions");
        int[] at = positions.isEmpty() ? new int[0] : Arrays.stream(positions.split(",")).mapToInt(Integer::parseInt).toArray();
        var mapper = new SplitMapper(split, new FileColumns(at, Integer.parseInt(p.get("columns"))), p.get("delimiter").charAt(0),
                Integer.parseInt(p.get("maxLine")), Path.of(p.get("work")), Boolean.parseBoolean(p.get("strict")));
        return new SplitMapper(mapper, "split-" + index + "-" + UUID.randomUUID());
    }

    public Partial map() throws IOException {
        var state = new State();
        try {
            long lines = LineScanner.scan(split, maxLineBytes, state);
            return state.finish(lines);
        } finally {
            if (state.rejects != null) {
                state.rejects.close();
            }
        }
    }

    private final class State implements LineScanner.LineHandler {
        final RowParser parser = new RowParser(delimiter, layout.columns());
        final int[] at = layout.positions();
        final NameTable cityNames = new NameTable();
        final NameTable modelNames = new NameTable();
        final List<CityTotals> cities = new ArrayList<>();
        final List<CityTotals.ModelTotals[]> models = new ArrayList<>();
        final List<long[]> spellingCounts = new ArrayList<>();
        final Partial partial = new Partial();
        final Scratch scratch = Scratch.ofThisThread();
        int ids;
        int line;
        long rejectCount;
        BufferedWriter rejects;

        @Override
        public void tooLong(byte[] head, int from, int to, long offset, long length) throws IOException {
            line++;
            if (split.firstOfFile() && line == 1) { // the header, found too long before the map step
                partial.headerLines++;
                return;
            }
            int last = to - 1; // not cut in the middle of a character
            while (last > from && (head[last] & 0xC0) == 0x80) {
                last--;
            }
            if (last >= from && Utf8.length(head, last, to) == Utf8.INCOMPLETE) {
                to = last;
            }
            reject(RejectReason.LINE_TOO_LONG, new String(head, from, to - from, StandardCharsets.UTF_8),
                    length + " bytes from byte " + offset + where() + ", over the maximum of " + maxLineBytes
                            + "; raw holds its first " + (to - from) + " bytes");
        }

        @Override
        public void line(byte[] b, int from, int to, long offset) throws IOException {
            line++;
            if (split.firstOfFile() && line == 1) {
                partial.headerLines++;
                return;
            }
            if (from == to) {
                partial.blankLines++;
                return;
            }
            RejectReason reason = parser.split(b, from, to);
            if (reason == RejectReason.UNCLOSED_QUOTE) {
                int field = parser.quoteField;
                reject(reason, raw(b, from, to), parser.quoteClosed
                        ? "field " + (field + 1) + " has text after its closing quote, at byte " + (offset + parser.ends[field] + 1 - from) + where()
                        : "the quote opening field " + (field + 1) + " is at byte " + (offset + parser.quoteAt - from) + where());
                return;
            }
            if (reason != null) {
                reject(reason, b, from, to);
                return;
            }
            int[] s = parser.starts;
            int[] e = parser.ends;
            int id = at[CsvLayout.Column.TRANSACTION_ID.ordinal()];
            int date = at[CsvLayout.Column.DATE.ordinal()];
            int city = at[CsvLayout.Column.CITY.ordinal()];
            int typeColumn = at[CsvLayout.Column.TYPE.ordinal()];
            int model = at[CsvLayout.Column.MODEL.ordinal()];
            int price = at[CsvLayout.Column.PRICE.ordinal()];
            int duration = at[CsvLayout.Column.RENTAL_MONTHS.ordinal()];
            if (isBlank(b, s[id], e[id])) {
                reject(RejectReason.EMPTY_ID, b, from, to);
                return;
            }
            int month = RowParser.month(b, s[date], e[date]);
            if (month < 0) {
                reject(RejectReason.BAD_DATE, b, from, to);
                return;
            }
            if (isBlank(b, s[city], e[city])) {
                reject(RejectReason.EMPTY_CITY, b, from, to);
                return;
            }
            int type = RowParser.type(b, s[typeColumn], e[typeColumn]);
            if (type < 0) {
                reject(RejectReason.UNKNOWN_TYPE, b, from, to);
                return;
            }
            if (isBlank(b, s[model], e[model])) {
                reject(RejectReason.EMPTY_MODEL, b, from, to);
                return;
            }
            long cents = RowParser.cents(b, s[price], e[price]);
            if (cents < 0) {
                reject(cents == RowParser.NEGATIVE ? RejectReason.NEGATIVE_PRICE : RejectReason.BAD_PRICE, b, from, to);
                return;
            }
            int months = RowParser.duration(b, s[duration], e[duration]);
            if (type == 1 && months == RowParser.NO_DURATION) {
                reject(RejectReason.RENTAL_WITHOUT_DURATION, b, from, to);
                return;
            }
            if (type == 1 && months < 0) {
                reject(RejectReason.BAD_DURATION, b, from, to);
                return;
            }
            if (type == 0 && months != RowParser.NO_DURATION) {
                reject(RejectReason.DURATION_ON_SALE, b, from, to);
                return;
            }
            int cityId = name(cityNames, b, city);
            int modelId = name(modelNames, b, model);
            CityTotals totals = cityTotals(cityId);
            totals.add(modelTotals(cityId, modelId), type, month, cents, Math.max(months, 0), 1);
            spellingCounts.get(cityId)[0]++;
            partial.accepted++;
            addId(RowParser.hash(b, s[id], e[id]), IdRun.position(split.file(), offset), line);
        }

        private int name(NameTable table, byte[] b, int column) {
            if (!parser.isEscaped(column)) {
                return table.id(b, parser.starts[column], parser.ends[column]);
            }
            byte[] text = parser.text(b, column).getBytes(StandardCharsets.UTF_8);
            return table.id(text, 0, text.length);
        }

        private CityTotals cityTotals(int cityId) {
            while (cities.size() <= cityId) {
                cities.add(new CityTotals());
                models.add(new CityTotals.ModelTotals[8]);
                spellingCounts.add(new long[1]);
            }
            return cities.get(cityId);
        }

        private CityTotals.ModelTotals modelTotals(int cityId, int modelId) {
            CityTotals.ModelTotals[] row = models.get(cityId);
            if (row.length <= modelId) {
                row = Arrays.copyOf(row, Math.max(row.length * 2, modelId + 1));
                models.set(cityId, row);
            }
            if (row[modelId] == null) {
                row[modelId] = new CityTotals.ModelTotals();
            }
            return row[modelId];
        }

        private void addId(long hash, long position, int lineNumber) {
            if (ids == scratch.hashes.length) {
                scratch.ensureIds(ids + 1);
            }
            scratch.hashes[ids] = hash;
            scratch.positions[ids] = position;
            scratch.lineNumbers[ids] = lineNumber;
            ids++;
        }

        private void reject(RejectReason reason, byte[] b, int from, int to) throws IOException {
            reject(reason, raw(b, from, to), "");
        }

        /**
         * Counts a rejected row and writes it to the split's rejects file as {@code line TAB reason TAB detail TAB raw} and a
         * line feed (the raw line may hold a CR, never an LF; the detail never a tab).
         */
        private void reject(RejectReason reason, String raw, String detail) throws IOException {
            if (strict) {
                throw new BadRowException(split.path(), line, reason, raw, detail, split.index());
            }
            partial.reject(reason);
            rejectCount++;
            if (rejects == null) {
                rejects = Files.newBufferedWriter(rejectsFile(), StandardCharsets.UTF_8);
            }
            rejects.write(Integer.toString(line));
            rejects.write('\t');
            rejects.write(reason.name());
            rejects.write('\t');
            rejects.write(detail);
            rejects.write('\t');
            rejects.write(raw);
            rejects.write('\n');
        }

        private String where() {
            return split.gzip() ? " of the decompressed data" : "";
        }

        private Path rejectsFile() {
            return workDirectory.resolve(stem + ".rejects");
        }

        Partial finish(long lines) throws IOException {
            partial.lines = lines;
            for (int c = 0; c < cities.size(); c++) {
                String spelling = cityNames.name(c);
                CityTotals merged = partial.city(CityNames.normalise(spelling));
                CityTotals local = cities.get(c);
                CityTotals.ModelTotals[] row = models.get(c);
                for (int m = 0; m < row.length; m++) {
                    if (row[m] != null) {
                        local.model(modelNames.name(m).strip()).merge(row[m]);
                    }
                }
                merged.merge(local);
                partial.spellings.merge(spelling, spellingCounts.get(c)[0], Long::sum);
            }
            partial.idRuns.add(IdRun.write(workDirectory.resolve(stem + ".ids"), split.index(),
                    scratch.hashes, scratch.positions, scratch.lineNumbers, ids));
            partial.splits.add(new Partial.SplitSummary(split.index(), split.file(), lines, rejectCount,
                    rejectCount == 0 ? null : rejectsFile()));
            return partial;
        }
    }

    private static String raw(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
