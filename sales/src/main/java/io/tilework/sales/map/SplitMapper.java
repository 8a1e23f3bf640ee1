package io.tilework.sales.map;

import io.tilework.sales.failure.BadRowException;
import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.failure.Utf8;
import io.tilework.sales.input.FileColumns;
import io.tilework.sales.input.LineScanner;
import io.tilework.sales.input.Scratch;
import io.tilework.sales.input.Split;
import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.SalesSchema;
import io.tilework.sales.schema.SchemaFile;
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
 * The map step: reads one split's lines through the schema ({@link RowReader}), validates each row, adds accepted
 * rows to sums per city (the grouping concept), month, model and make and per value of each extra dimension, keeps
 * their ids for the duplicate check (when the data has an id), and writes rejected
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

    private final Split split;
    private final SalesSchema schema;
    private final FileColumns columns;
    private final int maxLineBytes;
    private final Path workDirectory;
    private final boolean strict;
    /** The name of the split's files in the work directory, before their extension. */
    private final String stem;

    /**
     * @param columns      where the schema's columns are in the split's file
     * @param maxLineBytes a longer line is rejected ({@link RejectReason#LINE_TOO_LONG}), never held
     */
    public SplitMapper(Split split, SalesSchema schema, FileColumns columns, int maxLineBytes, Path workDirectory, boolean strict) {
        this.split = split;
        this.schema = schema;
        this.columns = columns;
        this.maxLineBytes = maxLineBytes;
        this.workDirectory = workDirectory;
        this.strict = strict;
        this.stem = "split-" + split.index();
    }

    private SplitMapper(SplitMapper mapper, String stem) {
        this.split = mapper.split;
        this.schema = mapper.schema;
        this.columns = mapper.columns;
        this.maxLineBytes = mapper.maxLineBytes;
        this.workDirectory = mapper.workDirectory;
        this.strict = mapper.strict;
        this.stem = stem;
    }

    /**
     * This mapper as a remote descriptor's parameters. The file is named as the coordinator was given it (failures
     * name it so); a relative name is read from the coordinator's working directory, sent along. The schema goes as
     * its YAML, the columns found in the file's header as numbers.
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
        p.put("columns", columns.encode());
        p.put("schema", SchemaFile.format(schema));
        p.put("schemaSource", schema.source());
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
        SalesSchema schema = SchemaFile.parse(p.get("schemaSource"), p.get("schema"));
        var mapper = new SplitMapper(split, schema, FileColumns.decode(p.get("columns")), Integer.parseInt(p.get("maxLine")),
                Path.of(p.get("work")), Boolean.parseBoolean(p.get("strict")));
        return new SplitMapper(mapper, "split-" + index + "-" + UUID.randomUUID());
    }

    public Partial map() throws IOException {
        var state = new State();
        try {
            long lines = LineScanner.scan(split, maxLineBytes, state);
            if (state.gathering) { // the file ends inside a quoted field: the quote did not close
                state.giveUp();
            }
            return state.finish(lines - state.disowned);
        } finally {
            if (state.rejects != null) {
                state.rejects.close();
            }
        }
    }

    private final class State implements LineScanner.LineHandler {
        final RowReader reader = new RowReader(schema, columns);
        final RowParser parser = reader.parser;
        /** Lines before the first row: those the schema skips and the header, in the split that starts the file. */
        final int headLines = split.firstOfFile() ? schema.dialect().skip() + (schema.dialect().header() ? 1 : 0) : 0;
        final int id = reader.field(Concept.ID);
        final int city = reader.field(Concept.CITY);
        final int model = reader.field(Concept.MODEL);
        final int make = reader.field(Concept.MAKE);
        final byte[] cityConstant = constant(Concept.CITY, "all");
        final byte[] modelConstant = constant(Concept.MODEL, "(none)");
        final byte[] makeConstant = schema.has(Concept.MAKE) ? constant(Concept.MAKE, null) : null;
        final int[] dimensionFields = columns.dimensions();
        final int[] dimensionIds = new int[columns.dimensions().length];
        final byte[][] dimensionConstants;
        final java.util.function.ToIntFunction<byte[]> check = name -> reader.invalidByte(name, 0, name.length);
        final NameTable cityNames = new NameTable(reader.charset, check);
        final NameTable modelNames = new NameTable(reader.charset, check);
        final NameTable makeNames = new NameTable(reader.charset, check);
        final NameTable[] dimensionNames;
        final List<List<DimensionTotals>> dimensionTotals = new ArrayList<>();
        final List<CityTotals> cities = new ArrayList<>();
        final List<CityTotals.ModelTotals[]> models = new ArrayList<>();
        final List<CityTotals.ModelTotals[]> makes = new ArrayList<>();
        /** Each model's make (the first seen), by model number; -1 before one is seen. */
        int[] modelMakes = new int[0];
        final List<long[]> spellingCounts = new ArrayList<>();
        final Partial partial = new Partial();
        final Scratch scratch = Scratch.ofThisThread();
        int ids;
        int line;
        /** The line of the row being read (the first of a record spanning lines). */
        int rowLine;
        /** Where the first and the last line this split owns start (-1: none yet). */
        long firstLine = -1;
        long lastLine = -1;
        /** Lines read past the end in a record that never closed: they are the next split's. */
        long disowned;
        /** Whether a quoted field may hold line breaks: in schema files, not in our own layout (whose rows are one line each). */
        final boolean multiline = !schema.source().equals("built-in") && schema.dialect().quote() != 0;
        /** A record whose quoted field holds line breaks, gathered line by line: its bytes, and each line's start, offset and number. */
        boolean gathering;
        byte[] gathered = new byte[1024];
        int gatheredLength;
        final List<long[]> parts = new ArrayList<>();
        long rejectCount;
        BufferedWriter rejects;

        State() {
            var mappings = List.copyOf(schema.dimensions().values());
            dimensionConstants = new byte[mappings.size()][];
            dimensionNames = new NameTable[mappings.size()];
            for (int d = 0; d < mappings.size(); d++) {
                dimensionConstants[d] = reader.constant(mappings.get(d));
                dimensionNames[d] = new NameTable(reader.charset, check);
                dimensionTotals.add(new ArrayList<>());
            }
        }

        private byte[] constant(Concept concept, String absent) {
            byte[] value = reader.constant(schema.concepts().get(concept));
            return value != null ? value : absent == null ? null : absent.getBytes(reader.charset);
        }

        @Override
        public void tooLong(byte[] head, int from, int to, long offset, long length) throws IOException {
            line++;
            if (line <= headLines) { // the header, found too long before the map step
                partial.headerLines++;
                own(offset);
                return;
            }
            if (gathering) { // a record cannot hold a line this long: its quote did not close
                giveUp();
                if (offset >= (split.gzip() ? Long.MAX_VALUE : split.end())) {
                    disowned++;
                    return;
                }
            }
            own(offset);
            rowLine = line;
            int last = to - 1; // not cut in the middle of a character
            while (last > from && (head[last] & 0xC0) == 0x80) {
                last--;
            }
            if (last >= from && Utf8.length(head, last, to) == Utf8.INCOMPLETE) {
                to = last;
            }
            reject(RejectReason.LINE_TOO_LONG, raw(head, from, to),
                    length + " bytes from byte " + offset + where() + ", over the maximum of " + maxLineBytes
                            + "; raw holds its first " + (to - from) + " bytes");
        }

        @Override
        public boolean inRecord() {
            return gathering;
        }

        @Override
        public void line(byte[] b, int from, int to, long offset) throws IOException {
            line++;
            if (line <= headLines) {
                partial.headerLines++;
                own(offset);
                return;
            }
            if (gathering) {
                gather(b, from, to, offset, line);
                return;
            }
            own(offset);
            if (from == to) {
                partial.blankLines++;
                return;
            }
            row(b, from, to, offset, line);
        }

        private void own(long offset) {
            if (firstLine < 0) {
                firstLine = offset;
            }
            lastLine = offset;
        }

        /** At most this many lines in one record: a quote that does not close is found without reading on for long. */
        private static final int MAX_RECORD_LINES = 64;

        /** A line of a record being gathered: the record is read again with it, until its quoted field closes. */
        private void gather(byte[] b, int from, int to, long offset, int number) throws IOException {
            int length = gatheredLength + 1 + to - from;
            if (length > maxLineBytes || parts.size() >= MAX_RECORD_LINES) {
                giveUp();
                line(b, from, to, offset, number);
                return;
            }
            if (length > gathered.length) {
                gathered = Arrays.copyOf(gathered, Math.max(length, gathered.length * 2));
            }
            gathered[gatheredLength] = '\n';
            System.arraycopy(b, from, gathered, gatheredLength + 1, to - from);
            parts.add(new long[] {gatheredLength + 1, length, offset, number});
            gatheredLength = length;
            long[] first = parts.get(0);
            RejectReason reason = reader.read(gathered, 0, gatheredLength, first[2]);
            if (reason == RejectReason.UNCLOSED_QUOTE && !parser.quoteClosed) {
                return; // on to the next line
            }
            gathering = false;
            for (long[] part : parts) {
                own(part[2]);
            }
            rowLine = (int) first[3];
            row(reason, gathered, 0, gatheredLength, first[2]);
        }

        /** A line handed back to be read afresh, with its own number. */
        private void line(byte[] b, int from, int to, long offset, int number) throws IOException {
            if (offset >= (split.gzip() ? Long.MAX_VALUE : split.end())) {
                disowned++; // read on past the end for a record that did not close: the next split reads it
                return;
            }
            if (gathering) {
                gather(b, from, to, offset, number);
                return;
            }
            own(offset);
            if (from == to) {
                partial.blankLines++;
                return;
            }
            row(b, from, to, offset, number);
        }

        /**
         * The record's quote does not close (the file ends, or the record grew too long or over too many lines): its
         * first line is rejected as an unclosed quote and the lines after it are read afresh, as rows of their own.
         */
        private void giveUp() throws IOException {
            gathering = false;
            byte[] copy = Arrays.copyOf(gathered, gatheredLength);
            var lines = List.copyOf(parts);
            parts.clear();
            long[] first = lines.get(0);
            own(first[2]);
            rowLine = (int) first[3];
            int end = (int) first[1];
            reject(reader.read(copy, 0, end, first[2]), copy, 0, end, first[2]);
            for (long[] part : lines.subList(1, lines.size())) {
                line(copy, (int) part[0], (int) part[1], part[2], (int) part[3]);
            }
        }

        private void row(byte[] b, int from, int to, long offset, int number) throws IOException {
            rowLine = number;
            RejectReason reason = reader.read(b, from, to, offset);
            if (reason == RejectReason.UNCLOSED_QUOTE && multiline && !parser.quoteClosed) {
                gathering = true;
                if (to - from > gathered.length) {
                    gathered = new byte[Math.max(to - from, gathered.length * 2)];
                }
                System.arraycopy(b, from, gathered, 0, to - from);
                gatheredLength = to - from;
                parts.clear();
                parts.add(new long[] {0, gatheredLength, offset, number});
                return;
            }
            row(reason, b, from, to, offset);
        }

        private void reject(RejectReason reason, byte[] b, int from, int to, long offset) throws IOException {
            if (reason == RejectReason.UNCLOSED_QUOTE) {
                int field = parser.quoteField;
                reject(reason, raw(b, from, to), parser.quoteClosed
                        ? "field " + (field + 1) + " has text after its closing quote, at byte " + (offset + parser.ends[field] + 1 - from) + where()
                        : "the quote opening field " + (field + 1) + " is at byte " + (offset + parser.quoteAt - from) + where());
            } else {
                reject(reason, raw(b, from, to), reader.detail);
            }
        }

        /** A row read ({@code reason} null: accepted): added to the sums, or rejected. */
        private void row(RejectReason reason, byte[] b, int from, int to, long offset) throws IOException {
            if (reason == RejectReason.UNCLOSED_QUOTE) {
                int field = parser.quoteField;
                reject(reason, raw(b, from, to), parser.quoteClosed
                        ? "field " + (field + 1) + " has text after its closing quote, at byte " + (offset + parser.ends[field] + 1 - from) + where()
                        : "the quote opening field " + (field + 1) + " is at byte " + (offset + parser.quoteAt - from) + where());
                return;
            }
            if (reason != null) {
                reject(reason, raw(b, from, to), reader.detail);
                return;
            }
            int cityId = city >= 0 ? name(cityNames, b, city) : cityNames.id(cityConstant, 0, cityConstant.length);
            int modelId = model >= 0 ? name(modelNames, b, model) : modelNames.id(modelConstant, 0, modelConstant.length);
            int makeId = make >= 0 ? name(makeNames, b, make) : makeConstant != null ? makeNames.id(makeConstant, 0, makeConstant.length) : -1;
            if (badName(cityNames, cityId, city, b, from, to, offset) || badName(modelNames, modelId, model, b, from, to, offset)
                    || makeId >= 0 && badName(makeNames, makeId, make, b, from, to, offset)) {
                return;
            }
            for (int d = 0; d < dimensionFields.length; d++) {
                int at = dimensionFields[d];
                int valueId;
                if (at >= 0) {
                    valueId = reader.isNull(b, parser.starts[at], parser.ends[at]) ? dimensionNames[d].id(NONE, 0, NONE.length)
                            : name(dimensionNames[d], b, at);
                } else {
                    byte[] value = dimensionConstants[d] == null ? NONE : dimensionConstants[d];
                    valueId = dimensionNames[d].id(value, 0, value.length);
                }
                if (badName(dimensionNames[d], valueId, at, b, from, to, offset)) {
                    return;
                }
                dimensionIds[d] = valueId;
            }
            CityTotals totals = cityTotals(cityId);
            CityTotals.ModelTotals modelTotals = modelTotals(models, cityId, modelId);
            CityTotals.ModelTotals makeTotals = null;
            if (makeId >= 0) {
                makeTotals = modelTotals(makes, cityId, makeId);
                if (modelMakes.length <= modelId) {
                    int old = modelMakes.length;
                    modelMakes = Arrays.copyOf(modelMakes, Math.max(16, modelId * 2));
                    Arrays.fill(modelMakes, old, modelMakes.length, -1);
                }
                if (modelMakes[modelId] < 0) {
                    modelMakes[modelId] = makeId;
                }
            }
            totals.add(modelTotals, makeTotals, reader, 1);
            spellingCounts.get(cityId)[0]++;
            for (int d = 0; d < dimensionFields.length; d++) {
                List<DimensionTotals> values = dimensionTotals.get(d);
                while (values.size() <= dimensionIds[d]) {
                    values.add(new DimensionTotals());
                }
                values.get(dimensionIds[d]).add(reader, 1);
            }
            partial.accepted++;
            if (id >= 0) {
                addId(RowParser.hash(b, parser.starts[id], parser.ends[id]), IdRun.position(split.file(), offset), rowLine);
            }
        }

        /** Whether the name has bytes that are not text in the file's encoding: then the row is rejected, naming the byte. */
        private boolean badName(NameTable table, int id, int column, byte[] b, int from, int to, long offset) throws IOException {
            int bad = table.badAt(id);
            if (bad < 0 || column < 0) {
                return false;
            }
            int at = parser.starts[column] + bad;
            reject(RejectReason.BAD_ENCODING, raw(b, from, to), reader.encodingDetail(offset + at - from, b[Math.min(at, to - 1)]));
            return true;
        }

        private int name(NameTable table, byte[] b, int column) {
            if (!parser.isEscaped(column)) {
                return table.id(b, parser.starts[column], parser.ends[column]);
            }
            byte[] text = parser.unescaped(b, column);
            return table.id(text, 0, text.length);
        }

        private CityTotals cityTotals(int cityId) {
            while (cities.size() <= cityId) {
                cities.add(new CityTotals());
                models.add(new CityTotals.ModelTotals[8]);
                makes.add(new CityTotals.ModelTotals[8]);
                spellingCounts.add(new long[1]);
            }
            return cities.get(cityId);
        }

        private CityTotals.ModelTotals modelTotals(List<CityTotals.ModelTotals[]> table, int cityId, int modelId) {
            CityTotals.ModelTotals[] row = table.get(cityId);
            if (row.length <= modelId) {
                row = Arrays.copyOf(row, Math.max(row.length * 2, modelId + 1));
                table.set(cityId, row);
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

        /**
         * Counts a rejected row and writes it to the split's rejects file as {@code line TAB reason TAB detail TAB raw} and a
         * line feed (the raw line may hold a CR, never an LF; the detail never a tab).
         */
        private void reject(RejectReason reason, String raw, String detail) throws IOException {
            if (strict) {
                throw new BadRowException(split.path(), rowLine, reason, raw, detail, split.index());
            }
            partial.reject(reason);
            rejectCount++;
            if (rejects == null) {
                rejects = Files.newBufferedWriter(rejectsFile(), StandardCharsets.UTF_8);
            }
            rejects.write(Integer.toString(rowLine));
            rejects.write('\t');
            rejects.write(reason.name());
            rejects.write('\t');
            rejects.write(detail);
            rejects.write('\t');
            rejects.write(raw.replace('\n', RECORD_LINE_BREAK)); // a record's line breaks: the split file has one record a line
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
            boolean spellings = city >= 0;
            for (int c = 0; c < cities.size(); c++) {
                String spelling = cityNames.name(c);
                CityTotals merged = partial.city(reader.cityName(spelling));
                CityTotals local = cities.get(c);
                CityTotals.ModelTotals[] row = models.get(c);
                for (int m = 0; m < row.length; m++) {
                    if (row[m] != null) {
                        if (m < modelMakes.length && modelMakes[m] >= 0) {
                            row[m].make = reader.makeName(makeNames.name(modelMakes[m]));
                        }
                        local.model(reader.modelName(modelNames.name(m))).merge(row[m]);
                    }
                }
                CityTotals.ModelTotals[] makeRow = makes.get(c);
                for (int m = 0; m < makeRow.length; m++) {
                    if (makeRow[m] != null) {
                        local.make(reader.makeName(makeNames.name(m))).merge(makeRow[m]);
                    }
                }
                merged.merge(local);
                if (spellings) {
                    partial.spellings.merge(spelling, spellingCounts.get(c)[0], Long::sum);
                }
            }
            var dimensionNamesShown = List.copyOf(schema.dimensions().keySet());
            for (int d = 0; d < dimensionNames.length; d++) {
                List<DimensionTotals> values = dimensionTotals.get(d);
                for (int v = 0; v < values.size(); v++) {
                    partial.dimension(dimensionNamesShown.get(d), reader.dimensionName(d, dimensionNames[d].name(v))).merge(values.get(v));
                }
            }
            partial.idRuns.add(IdRun.write(workDirectory.resolve(stem + ".ids"), split.index(),
                    scratch.hashes, scratch.positions, scratch.lineNumbers, ids));
            partial.splits.add(new Partial.SplitSummary(split.index(), split.file(), lines, rejectCount,
                    rejectCount == 0 ? null : rejectsFile(), firstLine, lastLine));
            return partial;
        }

        private String raw(byte[] b, int from, int to) {
            return new String(b, from, to - from, reader.charset);
        }
    }

    /** Stands for a line break inside a rejected record in a split's rejects file (a private-use character). */
    public static final char RECORD_LINE_BREAK = '\uE00A';

    /** The value of an extra dimension a row leaves empty. */
    private static final byte[] NONE = RowReader.NONE.getBytes(StandardCharsets.US_ASCII);

}
