package io.tilework.sales.reduce;

import io.tilework.engine.Engine;
import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import io.tilework.engine.failure.DiskFull;
import io.tilework.engine.io.Leftovers;
import io.tilework.engine.job.JobContext;
import io.tilework.sales.failure.BadRowException;
import io.tilework.sales.failure.Excerpt;
import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.failure.SalesFailure;
import io.tilework.sales.failure.SalesInputInvalid;
import io.tilework.sales.failure.TooManyRejectsException;
import io.tilework.sales.failure.UnreadableInput;
import io.tilework.sales.input.CsvLayout;
import io.tilework.sales.input.FileHead;
import io.tilework.sales.input.LineScanner;
import io.tilework.sales.input.Split;
import io.tilework.sales.input.Splits;
import io.tilework.sales.map.Partial;
import io.tilework.sales.map.PartialCodec;
import io.tilework.sales.map.RowParser;
import io.tilework.sales.map.SplitMapper;
import io.tilework.sales.map.RowReader;
import io.tilework.sales.input.FileColumns;
import io.tilework.sales.schema.SalesSchema;
import io.tilework.sales.schema.SchemaFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The map-reduce over the input files: one map task per split on the engine's {@code cpu} pool,
 * partial aggregates merged in a reduce tree of fan-in {@value #FAN_IN}, then the duplicate check
 * at the root and the rejects file. When the engine's {@code cpu} pool is remote (a cluster), the map tasks are
 * shipped as descriptors ({@link SplitMapper#parameters}) and their partials come back encoded ({@link PartialCodec});
 * the reduce tree, the duplicate check and the rejects file stay here, reading the work folder's files on the disk
 * the members share. Locally the map tasks are plain closures, as before.
 */
public final class SalesScan {

    /** At DEBUG, how long each phase took: where a run's time goes, without a profiler. */
    private static final Logger LOG = LoggerFactory.getLogger(SalesScan.class);
    static final int FAN_IN = 4;
    /** A partial holds a few cities' month arrays and models: about this much. */
    private static final long PARTIAL_BYTES = 1L << 20;

    /**
     * How the input is read and how bad rows are treated.
     *
     * @param maxLineBytes the longest line read (its fields included): a longer one is rejected ({@link RejectReason#LINE_TOO_LONG})
     *                     and never held in memory; {@link LineScanner#DEFAULT_MAX_LINE_BYTES} unless raised
     */
    public record Options(SalesSchema schema, long splitBytes, boolean strict, double maxRejectedPercent, long maxLineBytes) {

        public Options {
            if (!(maxRejectedPercent >= 0 && maxRejectedPercent <= 100)) {
                throw new SalesInputInvalid("--max-rejected must be a percentage from 0 to 100, not " + maxRejectedPercent);
            }
            if (maxLineBytes < LineScanner.MIN_MAX_LINE_BYTES || maxLineBytes > LineScanner.MAX_MAX_LINE_BYTES) {
                throw new SalesInputInvalid("--max-line-size must be from " + LineScanner.MIN_MAX_LINE_BYTES + " to "
                        + LineScanner.MAX_MAX_LINE_BYTES + " bytes, not " + maxLineBytes);
            }
        }

        /** The default longest line. */
        public Options(SalesSchema schema, long splitBytes, boolean strict, double maxRejectedPercent) {
            this(schema, splitBytes, strict, maxRejectedPercent, LineScanner.DEFAULT_MAX_LINE_BYTES);
        }

        /** The built-in schema with the layout's delimiter and header names (the options before schema files). */
        public Options(CsvLayout layout, long splitBytes, boolean strict, double maxRejectedPercent, long maxLineBytes) {
            this(layout.schema(), splitBytes, strict, maxRejectedPercent, maxLineBytes);
        }

        public Options(CsvLayout layout, long splitBytes, boolean strict, double maxRejectedPercent) {
            this(layout.schema(), splitBytes, strict, maxRejectedPercent, LineScanner.DEFAULT_MAX_LINE_BYTES);
        }

        public static Options defaults() {
            return new Options(SchemaFile.builtIn(), Splits.DEFAULT_BYTES, false, 5);
        }
    }

    /** The merged sums with duplicates taken out, where the rejected rows went, and the schema the files were read through. */
    public record Result(Partial totals, List<Path> files, long duplicates, Path rejectsFile, SalesSchema schema) {

        /** Read through the built-in schema. */
        public Result(Partial totals, List<Path> files, long duplicates, Path rejectsFile) {
            this(totals, files, duplicates, rejectsFile, SchemaFile.builtIn());
        }
    }

    private SalesScan() {
    }

    /** What a caller makes of the scan's result while {@code rejects.csv} is written beside it. */
    @FunctionalInterface
    public interface Alongside<T> {
        T make(Result scan) throws IOException;
    }

    /** The scan, and {@code rejects.csv} written, before it returns. */
    public static Result run(Engine engine, List<Path> files, Options options, Path rejectsFile, JobContext.Progress progress)
            throws IOException, InterruptedException {
        return run(engine, files, options, rejectsFile, progress, scan -> scan);
    }

    /**
     * The scan, then {@code alongside} on this thread while {@code rejects.csv} is written on the engine's
     * {@code io} pool: the two overlap (a cold 5M-row report spent 0.17 s on each, one after the other). Returns
     * {@code alongside}'s value once both are done; if either fails, its failure is thrown after the other ended.
     */
    public static <T> T run(Engine engine, List<Path> files, Options options, Path rejectsFile, JobContext.Progress progress,
            Alongside<T> alongside) throws IOException, InterruptedException {
        long started = System.nanoTime();
        SalesSchema schema = options.schema();
        int maxLine = maxLineBytes(options);
        var columns = new ArrayList<FileColumns>();
        for (Path file : files) {
            List<String> names = headerNames(file, schema, maxLine);
            FileColumns found = FileColumns.find(schema, names, file.toString());
            new RowReader(schema, found); // a schema the reader cannot use fails here, before any task
            columns.add(found);
        }
        List<Split> splits = Splits.plan(files, options.splitBytes());
        long totalBytes = splits.stream().mapToLong(s -> s.end() - s.start()).sum();
        // Named with this process's id, so that a later run removes it if this one is killed (Leftovers).
        Path work = Leftovers.newWorkFolder(rejectsFile.toAbsolutePath().getParent(), "sales-work");
        Exception failure = null;
        try {
            String run = TaskKey.digest(UUID.randomUUID().toString()); // no result outlives the run: keys only keep runs apart
            var done = new AtomicLong();
            progress.update(0, totalBytes, "reading " + files.size() + " file(s), " + splits.size() + " splits");
            boolean remote = engine.runsRemotely("cpu");
            boolean multiline = multiline(schema);
            List<Task<Partial>> level = new ArrayList<>();
            for (Split split : splits) {
                // records spanning lines are mended after the map step, so a strict run looks at the rejects then
                var mapper = new SplitMapper(split, schema, columns.get(split.file()), maxLine, work, options.strict() && !multiline);
                Runnable read = () -> progress.update(done.addAndGet(split.end() - split.start()), totalBytes, "splits read");
                level.add(remote ? remoteMap(run, split, mapper, read) : Task.<Partial>builder(mapKey(run, split))
                        .pool("cpu").estimatedBytes(PARTIAL_BYTES)
                        .compute((in, cancel) -> {
                            Partial partial = mapper.map();
                            read.run();
                            return partial;
                        }));
            }
            Partial root;
            if (multiline) {
                root = mend(engine, level, splits, schema, columns, maxLine, work);
                if (options.strict() && root.rejected > 0) {
                    throw firstRejected(root, files);
                }
            } else {
                for (int depth = 1; level.size() > 1; depth++) {
                    var up = new ArrayList<Task<Partial>>();
                    for (int i = 0; i < level.size(); i += FAN_IN) {
                        List<Task<Partial>> children = level.subList(i, Math.min(level.size(), i + FAN_IN));
                        up.add(Task.<Partial>builder(new TaskKey("sales.reduce", 1, run, "level-" + depth + "/" + (i / FAN_IN)))
                                .inputs(List.copyOf(children)).pool("cpu").estimatedBytes(PARTIAL_BYTES)
                                .compute((in, cancel) -> Partial.merge(in.all())));
                    }
                    level = up;
                }
                root = await(engine, level.get(0), splits, maxLine);
            }
            long[] lineOffsets = lineOffsets(root.splits, splits.size());
            long mapped = System.nanoTime();

            progress.update(totalBytes, totalBytes, "checking " + root.accepted + " transaction ids for duplicates");
            List<DuplicateCheck.Duplicate> duplicates = DuplicateCheck.resolve(engine, run, root, files, columns, schema, maxLine);
            if (options.strict() && !duplicates.isEmpty()) {
                DuplicateCheck.Duplicate first = duplicates.get(0);
                throw new BadRowException(files.get(first.file()), lineOffsets[first.split()] + first.line(),
                        RejectReason.DUPLICATE_ID, first.raw(), "");
            }
            long checked = System.nanoTime();
            LOG.debug("{} splits: map and reduce {} ms, duplicate check {} ms ({} found)", splits.size(),
                    (mapped - started) / 1_000_000, (checked - mapped) / 1_000_000, duplicates.size());
            progress.update(totalBytes, totalBytes, "writing " + (root.rejected) + " rejected rows to " + rejectsFile.getFileName());
            long rows = root.accepted + root.rejected;
            if (rows > 0 && root.rejected * 100.0 > options.maxRejectedPercent() * rows) {
                RejectsFile.write(rejectsFile, files, root.splits, lineOffsets, duplicates); // the message points to it
                throw new TooManyRejectsException(files, root.rejected, root.rejectsByReason, rows, options.maxRejectedPercent(), rejectsFile);
            }
            CompletableFuture<Path> rejects = engine.submit(Task.<Path>builder(new TaskKey("sales.rejects", 1, run, "rejects.csv"))
                    .pool("io").estimatedBytes(1L << 16)
                    .compute((in, cancel) -> {
                        RejectsFile.write(rejectsFile, files, root.splits, lineOffsets, duplicates);
                        LOG.debug("rejects file {} ms", (System.nanoTime() - checked) / 1_000_000);
                        return rejectsFile;
                    }));
            T made;
            try {
                made = alongside.make(new Result(root, List.copyOf(files), duplicates.size(), rejectsFile, schema));
            } catch (IOException | RuntimeException e) {
                awaitQuietly(rejects); // the work folder it reads is deleted below
                throw e;
            }
            await(rejects);
            return made;
        } catch (IOException | UncheckedIOException e) { // measured before the work folder is deleted
            DiskFull.recognise(work, e).ifPresent(full -> {
                throw full;
            });
            failure = e;
            throw e;
        } catch (RuntimeException | InterruptedException e) {
            failure = e;
            throw e;
        } finally {
            try {
                deleteTree(work);
            } catch (IOException e) {
                // a failure to clean up must not hide why the run failed (the next run sweeps the folder)
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    /** Whether a quoted field may hold line breaks: in a schema file's dialect with a quote, not in our own layout. */
    static boolean multiline(SalesSchema schema) {
        return !schema.source().equals("built-in") && schema.dialect().quote() != 0;
    }

    /**
     * The map step when a quoted field may hold line breaks: a split's last record may run on past its end, into lines
     * the next split read as rows of its own (from the first line break after its start). The splits are looked at in
     * order, and such a next split is read again from the line after that record (rarely: most files have none).
     */
    private static Partial mend(Engine engine, List<Task<Partial>> maps, List<Split> splits, SalesSchema schema, List<FileColumns> columns,
            int maxLine, Path work) throws IOException, InterruptedException {
        var futures = new ArrayList<CompletableFuture<Partial>>();
        for (Task<Partial> map : maps) {
            futures.add(engine.submit(map));
        }
        var partials = new ArrayList<Partial>();
        for (CompletableFuture<Partial> future : futures) {
            try {
                partials.add(future.get());
            } catch (ExecutionException e) {
                throw unwrap(e, splits, maxLine);
            }
        }
        long reach = -1;
        int file = -1;
        for (int i = 0; i < splits.size(); i++) {
            Split split = splits.get(i);
            if (split.file() != file) {
                file = split.file();
                reach = -1;
            }
            Partial.SplitSummary summary = partials.get(i).splits.get(0);
            if (reach >= 0 && summary.firstLine() >= 0 && summary.firstLine() <= reach) {
                var again = new Split(split.index(), split.file(), split.path(), reach + 1, Math.max(split.end(), reach + 1), split.gzip(),
                        split.firstOfFile());
                LOG.debug("split {} read again from byte {}: the record before it holds line breaks", split.index(), reach + 1);
                partials.set(i, new SplitMapper(again, schema, columns.get(file), maxLine, work, false).map());
                summary = partials.get(i).splits.get(0);
            }
            reach = Math.max(reach, summary.lastLine());
        }
        return Partial.merge(partials);
    }

    /** A strict run's first rejected row, once records spanning lines are mended: the first in the first split with one. */
    private static BadRowException firstRejected(Partial root, List<Path> files) throws IOException {
        long[] offsets = lineOffsets(root.splits, root.splits.size());
        for (Partial.SplitSummary split : root.splits) {
            if (split.rejectsFile() != null) {
                String record;
                try (var in = java.nio.file.Files.newBufferedReader(split.rejectsFile(), java.nio.charset.StandardCharsets.UTF_8)) {
                    record = in.readLine();
                }
                String[] f = record.split("\t", 4);
                return new BadRowException(files.get(split.file()), offsets[split.index()] + Long.parseLong(f[0]), RejectReason.valueOf(f[1]),
                        f[3].replace(SplitMapper.RECORD_LINE_BREAK, '\n'), f[2]);
            }
        }
        throw new IllegalStateException("rows were rejected, but no split lists one");
    }

    private static TaskKey mapKey(String run, Split split) {
        return new TaskKey(SplitMapper.FUNCTION, 1, run, "split-" + split.index());
    }

    /**
     * A split's map step as a worker of a remote {@code cpu} pool runs it: described by the mapper's parameters (it
     * reads the split by path and writes to the work folder, on the disk the members share), its partial sent back
     * encoded. {@code read} cannot run on the worker, so an inline task here runs it when the partial arrives.
     */
    private static Task<Partial> remoteMap(String run, Split split, SplitMapper mapper, Runnable read) {
        Task<Partial> map = Task.<Partial>builder(mapKey(run, split))
                .pool("cpu").estimatedBytes(PARTIAL_BYTES).codec(PartialCodec.INSTANCE)
                .remote(SplitMapper.FUNCTION, mapper.parameters())
                .compute((in, cancel) -> mapper.map());
        return Task.<Partial>builder(new TaskKey("sales.mapped", 1, run, "split-" + split.index()))
                // it passes its input on and holds nothing more: counting the partial twice held progress back
                // behind the byte budget until the reduce freed memory (165 splits done, 10 % shown)
                .inputs(List.of(map)).pool("inline").estimatedBytes(0)
                .compute((in, cancel) -> {
                    read.run();
                    return in.get(0);
                });
    }

    /**
     * The longest line as an {@code int}, if this JVM's heap can hold it: each map thread may hold a line, and its text
     * for a rejected row, and the line scanner's buffer grows to it.
     */
    private static int maxLineBytes(Options options) {
        long heap = Runtime.getRuntime().maxMemory();
        if (options.maxLineBytes() > LineScanner.DEFAULT_MAX_LINE_BYTES && options.maxLineBytes() > heap / 16) {
            throw new SalesInputInvalid("--max-line-size " + options.maxLineBytes() + " is more than this heap (" + (heap >> 20)
                    + " MiB) can hold on every thread: at most " + heap / 16 + " bytes here; give Java a larger heap "
                    + "(TILEWORK_JAVA_OPTS=-Xmx4g) to read longer lines");
        }
        return (int) options.maxLineBytes();
    }

    /** Waits for {@code task}; its I/O failure is thrown as it was. */
    private static void await(CompletableFuture<Path> task) throws IOException, InterruptedException {
        try {
            task.get();
        } catch (ExecutionException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof IOException io) {
                    throw io;
                }
            }
            throw new IllegalStateException("writing the rejects file failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Waits for {@code task} while another failure is on its way out: its own is added to that one's log only. */
    private static void awaitQuietly(CompletableFuture<Path> task) throws InterruptedException {
        try {
            task.get();
        } catch (ExecutionException e) {
            LOG.debug("the rejects file failed too", e.getCause());
        }
    }

    private static Partial await(Engine engine, Task<Partial> root, List<Split> splits, int maxLine) throws IOException, InterruptedException {
        try {
            return engine.submit(root).get();
        } catch (ExecutionException e) {
            throw unwrap(e, splits, maxLine);
        }
    }

    /** What a failed map or reduce task threw, as the caller sees it: a bad row at its line in the file, a failure, an I/O error. */
    private static IOException unwrap(ExecutionException e, List<Split> splits, int maxLine) throws IOException {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BadRowException bad) {
                throw bad.atFileLine(linesBefore(bad, splits, maxLine) + bad.line());
            }
            if (cause instanceof SalesFailure failure) {
                throw failure;
            }
            if (cause instanceof IOException io) {
                return io;
            }
        }
        throw new IllegalStateException("the sales scan failed: " + e.getCause().getMessage(), e.getCause());
    }

    /** For a strict run's bad row: the lines of its file before the split that found it. */
    private static long linesBefore(BadRowException bad, List<Split> splits, int maxLine) throws IOException {
        int index = bad.split;
        Split failed = splits.get(index);
        long lines = 0;
        for (Split split : splits) {
            if (split.file() == failed.file() && split.index() < index) {
                lines += LineScanner.scan(split, maxLine, (b, from, to, offset) -> { });
            }
        }
        return lines;
    }

    private static long[] lineOffsets(List<Partial.SplitSummary> summaries, int splits) {
        long[] offsets = new long[splits];
        int file = -1;
        long lines = 0;
        for (Partial.SplitSummary summary : summaries) { // sorted by split index, so by file
            if (summary.file() != file) {
                file = summary.file();
                lines = 0;
            }
            offsets[summary.index()] = lines;
            lines += summary.lines();
        }
        return offsets;
    }

    /** The header's column names: the first line (once the file is found to be CSV text), a byte-order mark and CR dropped, split like a row. */
    static List<String> headerNames(Path file, char delimiter, int maxLineBytes) throws IOException {
        return headerNames(file, new CsvLayout(delimiter, java.util.Map.of()).schema(), maxLineBytes);
    }

    /**
     * The header's column names as the schema reads them: the line after those it skips (once the file is found to be
     * text in its encoding), a byte-order mark and CR dropped, split like a row. Without a header: the first row's
     * fields, named {@code #1}, {@code #2}, ... (a schema names them by position).
     */
    static List<String> headerNames(Path file, SalesSchema schema, int maxLineBytes) throws IOException {
        SalesSchema.Dialect dialect = schema.dialect();
        boolean utf8 = dialect.encoding().equals("utf-8");
        List<byte[]> head = FileHead.firstLines(file, dialect.skip() + 1, maxLineBytes, utf8);
        if (head.size() <= dialect.skip()) {
            throw new UnreadableInput(file, "it has " + head.size() + " lines, but the schema skips " + dialect.skip()
                    + " before the " + (dialect.header() ? "header" : "first row"));
        }
        byte[] b = head.get(dialect.skip());
        int from = dialect.skip() == 0 && b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? 3 : 0;
        int to = b.length > from && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        if (to == from) {
            throw new UnreadableInput(file, dialect.skip() == 0 ? "no header line (the file is empty or starts with a blank line); "
                    + "the first line must name the columns, e.g. " + String.join(",",
                    Stream.of(CsvLayout.Column.values()).map(CsvLayout.Column::defaultHeader).toList())
                    : "line " + (dialect.skip() + 1) + ", after the " + dialect.skip() + " the schema skips, is blank; it must "
                    + (dialect.header() ? "name the columns" : "be the first row"));
        }
        char quote = dialect.quote();
        var names = new ArrayList<String>();
        int columns = 1;
        boolean quoted = false;
        for (int i = from; i < to; i++) {
            if (quote != 0 && b[i] == quote) {
                quoted = !quoted;
            } else if (b[i] == dialect.delimiter() && !quoted) {
                columns++;
            }
        }
        var parser = new RowParser((byte) dialect.delimiter(), (byte) quote, (byte) dialect.escape(), columns);
        if (parser.split(b, from, to) != null) {
            throw new UnreadableInput(file, "the " + (dialect.header() ? "header" : "first") + " line cannot be read as " + columns
                    + " columns (is a quote not closed?): " + Excerpt.of(b, from, to));
        }
        var charset = utf8 ? java.nio.charset.StandardCharsets.UTF_8
                : java.nio.charset.Charset.forName(dialect.encoding().equals("windows-1252") ? "windows-1252" : "ISO-8859-1");
        for (int i = 0; i < columns; i++) {
            names.add(dialect.header() ? parser.text(b, i, charset) : "#" + (i + 1));
        }
        return names;
    }

    /** Deletes {@code directory} and everything in it. */
    public static void deleteTree(Path directory) throws IOException {
        Leftovers.deleteTree(directory);
    }
}
