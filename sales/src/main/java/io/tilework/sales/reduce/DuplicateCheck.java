package io.tilework.sales.reduce;

import io.tilework.engine.Engine;
import io.tilework.engine.ResultStream;
import io.tilework.engine.Task;
import io.tilework.engine.TaskFailedException;
import io.tilework.engine.TaskKey;
import io.tilework.sales.failure.Excerpt;
import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.failure.SalesInputInvalid;
import io.tilework.sales.input.FileColumns;
import io.tilework.sales.map.RowReader;
import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.SalesSchema;
import io.tilework.sales.input.LinesAt;
import io.tilework.sales.input.Splits;
import io.tilework.sales.map.CityNames;
import io.tilework.sales.map.CityTotals;
import io.tilework.sales.map.IdRun;
import io.tilework.sales.map.Partial;
import io.tilework.sales.map.RowParser;
import io.tilework.sales.map.SplitMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The duplicate check at the root of the reduce tree. Equal hashes in the id runs are the only
 * candidates; their rows are read back and compared on the ids themselves (a hash collision is not
 * a duplicate). Of rows with one id, the first in input order (file, then position) is kept and the
 * later ones are taken back out of the sums and rejected.
 */
final class DuplicateCheck {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DuplicateCheck.class);

    /** A rejected repetition of an id: its file, split and line in the split, and the row as read. */
    record Duplicate(int file, int split, int line, String raw) {
    }

    private DuplicateCheck() {
    }

    /** Partitions per task: enough tasks to keep every core busy, few enough that each opens the runs once. */
    private static final int PARTITIONS_PER_TASK = 16;

    /**
     * @param run the run's digest, which keeps its task keys apart from other runs'
     */
    static List<Duplicate> resolve(Engine engine, String run, Partial root, List<Path> files, List<FileColumns> columns,
            SalesSchema schema, int maxLineBytes) throws IOException, InterruptedException {
        var tasks = new ArrayList<Task<List<List<IdRun.Entry>>>>();
        for (int from = 0; from < IdRun.PARTITIONS; from += PARTITIONS_PER_TASK) {
            int first = from;
            int end = Math.min(IdRun.PARTITIONS, from + PARTITIONS_PER_TASK);
            tasks.add(Task.<List<List<IdRun.Entry>>>builder(new TaskKey("sales.ids", 1, run, "partitions-" + first + "-" + end))
                    .pool("cpu").estimatedBytes(1L << 20)
                    .compute((in, cancel) -> IdRun.equalHashes(root.idRuns, first, end)));
        }
        long started = System.nanoTime();
        var groups = new ArrayList<List<IdRun.Entry>>();
        try (ResultStream<List<List<IdRun.Entry>>> found = engine.stream(tasks)) {
            while (found.hasNext()) {
                groups.addAll(found.next());
            }
        } catch (TaskFailedException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        if (groups.isEmpty()) {
            return List.of();
        }
        var readers = new HashMap<Integer, RowReader>();
        java.util.function.IntFunction<RowReader> reader = file -> readers.computeIfAbsent(file, f -> new RowReader(schema, columns.get(f)));
        RowReader first = reader.apply(0);
        java.util.function.Predicate<String> complete = !SalesScan.multiline(schema) ? null : text -> {
            byte[] b = text.getBytes(first.charset());
            return first.parser.split(b, 0, b.length) != RejectReason.UNCLOSED_QUOTE || first.parser.quoteClosed;
        };
        long grouped = System.nanoTime();
        Map<Long, String> rows = readRows(groups, files, maxLineBytes, first.charset(), complete);
        long read = System.nanoTime();
        var duplicates = new ArrayList<Duplicate>();
        var cityNames = new HashMap<String, String>(); // spelling -> city: a few spellings, thousands of duplicates
        for (List<IdRun.Entry> group : groups) {
            var byId = new LinkedHashMap<String, List<IdRun.Entry>>();
            for (IdRun.Entry entry : group) {
                String raw = rows.get(entry.position());
                if (raw == null) {
                    throw new SalesInputInvalid(files.get(entry.fileIndex()) + ": the row at byte " + entry.offset()
                            + " is no longer there (was the file changed during the run?); run the report again");
                }
                String id = field(raw, reader.apply(entry.fileIndex()));
                byId.computeIfAbsent(id, i -> new ArrayList<>()).add(entry);
            }
            for (List<IdRun.Entry> same : byId.values()) {
                same.sort(Comparator.comparingLong(IdRun.Entry::position));
                for (IdRun.Entry later : same.subList(1, same.size())) {
                    String raw = rows.get(later.position());
                    takeBack(root, raw, reader.apply(later.fileIndex()), cityNames);
                    duplicates.add(new Duplicate(later.fileIndex(), later.split(), later.line(), raw));
                }
            }
        }
        duplicates.sort(Comparator.comparingInt(Duplicate::file).thenComparingInt(Duplicate::split)
                .thenComparingInt(Duplicate::line));
        LOG.debug("duplicate check: equal hashes {} ms ({} groups), rows read back {} ms, taken back {} ms", (grouped - started) / 1_000_000,
                groups.size(), (read - grouped) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
        return duplicates;
    }

    private static Map<Long, String> readRows(List<List<IdRun.Entry>> groups, List<Path> files, int maxLineBytes,
            java.nio.charset.Charset charset, java.util.function.Predicate<String> complete) throws IOException {
        var offsetsByFile = new HashMap<Integer, TreeSet<Long>>();
        for (List<IdRun.Entry> group : groups) {
            for (IdRun.Entry entry : group) {
                offsetsByFile.computeIfAbsent(entry.fileIndex(), f -> new TreeSet<>()).add(entry.offset());
            }
        }
        var rows = new HashMap<Long, String>();
        for (var file : offsetsByFile.entrySet()) {
            int index = file.getKey();
            LinesAt.read(Splits.wholeFile(index, files.get(index)), file.getValue(), maxLineBytes, charset, complete)
                    .forEach((offset, line) -> rows.put(IdRun.position(index, offset), line));
        }
        return rows;
    }

    private static String field(String raw, RowReader reader) {
        byte[] b = raw.getBytes(reader.charset());
        if (reader.parser.split(b, 0, b.length) != null) {
            throw new SalesInputInvalid("an accepted row no longer parses (was the file changed during the run?): " + Excerpt.of(raw));
        }
        return reader.text(b, reader.field(Concept.ID));
    }

    /** Undoes what the map step added for this accepted row: read again through the schema, its sums added with sign -1. */
    private static void takeBack(Partial root, String raw, RowReader reader, Map<String, String> cityNames) {
        byte[] b = raw.getBytes(reader.charset());
        if (reader.read(b, 0, b.length, 0) != null) {
            throw new SalesInputInvalid("an accepted row no longer reads the same (was the file changed during the run?): " + Excerpt.of(raw));
        }
        RowParser parser = reader.parser;
        String spelling = reader.groupValue(b, Concept.CITY);
        String city = cityNames.computeIfAbsent(spelling, reader::cityName);
        CityTotals totals = root.city(city);
        String make = reader.schema().has(Concept.MAKE) ? reader.makeName(reader.groupValue(b, Concept.MAKE)) : null;
        totals.add(totals.model(reader.modelName(reader.groupValue(b, Concept.MODEL))), make == null ? null : totals.make(make), reader, -1);
        int d = 0;
        for (String dimension : reader.schema().dimensions().keySet()) {
            root.dimension(dimension, reader.dimensionValue(b, d++)).add(reader, -1);
        }
        if (reader.field(Concept.CITY) >= 0) {
            root.spellings.merge(spelling, -1L, Long::sum);
            root.spellings.remove(spelling, 0L);
        }
        root.accepted--;
        root.reject(RejectReason.DUPLICATE_ID);
    }
}
