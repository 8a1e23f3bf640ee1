package io.tilework.sales.reduce;

import io.tilework.engine.Engine;
import io.tilework.engine.ResultStream;
import io.tilework.engine.Task;
import io.tilework.engine.TaskFailedException;
import io.tilework.engine.TaskKey;
import io.tilework.sales.failure.Excerpt;
import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.failure.SalesInputInvalid;
import io.tilework.sales.input.CsvLayout;
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
    static List<Duplicate> resolve(Engine engine, String run, Partial root, List<Path> files, List<SplitMapper.FileColumns> columns,
            char delimiter, int maxLineBytes) throws IOException, InterruptedException {
        var tasks = new ArrayList<Task<List<List<IdRun.Entry>>>>();
        for (int from = 0; from < IdRun.PARTITIONS; from += PARTITIONS_PER_TASK) {
            int first = from;
            int end = Math.min(IdRun.PARTITIONS, from + PARTITIONS_PER_TASK);
            tasks.add(Task.<List<List<IdRun.Entry>>>builder(new TaskKey("sales.ids", 1, run, "partitions-" + first + "-" + end))
                    .pool("cpu").estimatedBytes(1L << 20)
                    .compute((in, cancel) -> IdRun.equalHashes(root.idRuns, first, end)));
        }
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
        Map<Long, String> rows = readRows(groups, files, maxLineBytes);
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
                String id = field(raw, columns.get(entry.fileIndex()), delimiter, CsvLayout.Column.TRANSACTION_ID);
                byId.computeIfAbsent(id, i -> new ArrayList<>()).add(entry);
            }
            for (List<IdRun.Entry> same : byId.values()) {
                same.sort(Comparator.comparingLong(IdRun.Entry::position));
                for (IdRun.Entry later : same.subList(1, same.size())) {
                    String raw = rows.get(later.position());
                    takeBack(root, raw, columns.get(later.fileIndex()), delimiter, cityNames);
                    duplicates.add(new Duplicate(later.fileIndex(), later.split(), later.line(), raw));
                }
            }
        }
        duplicates.sort(Comparator.comparingInt(Duplicate::file).thenComparingInt(Duplicate::split)
                .thenComparingInt(Duplicate::line));
        return duplicates;
    }

    private static Map<Long, String> readRows(List<List<IdRun.Entry>> groups, List<Path> files, int maxLineBytes) throws IOException {
        var offsetsByFile = new HashMap<Integer, TreeSet<Long>>();
        for (List<IdRun.Entry> group : groups) {
            for (IdRun.Entry entry : group) {
                offsetsByFile.computeIfAbsent(entry.fileIndex(), f -> new TreeSet<>()).add(entry.offset());
            }
        }
        var rows = new HashMap<Long, String>();
        for (var file : offsetsByFile.entrySet()) {
            int index = file.getKey();
            LinesAt.read(Splits.wholeFile(index, files.get(index)), file.getValue(), maxLineBytes)
                    .forEach((offset, line) -> rows.put(IdRun.position(index, offset), line));
        }
        return rows;
    }

    private static String field(String raw, SplitMapper.FileColumns columns, char delimiter, CsvLayout.Column column) {
        byte[] b = raw.getBytes(StandardCharsets.UTF_8);
        var parser = new RowParser(delimiter, columns.columns());
        if (parser.split(b, 0, b.length) != null) {
            throw new SalesInputInvalid("an accepted row no longer parses (was the file changed during the run?): " + Excerpt.of(raw));
        }
        return parser.text(b, columns.positions()[column.ordinal()]);
    }

    /** Undoes what the map step added for this accepted row. */
    private static void takeBack(Partial root, String raw, SplitMapper.FileColumns columns, char delimiter, Map<String, String> cityNames) {
        byte[] b = raw.getBytes(StandardCharsets.UTF_8);
        var parser = new RowParser(delimiter, columns.columns());
        parser.split(b, 0, b.length);
        int[] at = columns.positions();
        int date = at[CsvLayout.Column.DATE.ordinal()];
        int type = at[CsvLayout.Column.TYPE.ordinal()];
        int price = at[CsvLayout.Column.PRICE.ordinal()];
        int duration = at[CsvLayout.Column.RENTAL_MONTHS.ordinal()];
        String spelling = parser.text(b, at[CsvLayout.Column.CITY.ordinal()]);
        String model = parser.text(b, at[CsvLayout.Column.MODEL.ordinal()]).strip();
        CityTotals city = root.city(cityNames.computeIfAbsent(spelling, CityNames::normalise));
        city.add(city.model(model), RowParser.type(b, parser.starts[type], parser.ends[type]),
                RowParser.month(b, parser.starts[date], parser.ends[date]), RowParser.cents(b, parser.starts[price], parser.ends[price]),
                Math.max(0, RowParser.duration(b, parser.starts[duration], parser.ends[duration])), -1);
        root.spellings.merge(spelling, -1L, Long::sum);
        root.spellings.remove(spelling, 0L);
        root.accepted--;
        root.reject(RejectReason.DUPLICATE_ID);
    }
}
