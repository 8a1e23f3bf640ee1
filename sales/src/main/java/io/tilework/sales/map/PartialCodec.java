package io.tilework.sales.map;

import io.tilework.engine.Codec;
import io.tilework.sales.failure.RejectReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A {@link Partial} as bytes, to travel from a worker that mapped a split to the coordinator that
 * reduces: compact, since it goes through the cluster's messages. A partial's month arrays are
 * mostly zeros (a few years of data in 1,600 months), so each array is written as its non-zero
 * span only, and every number as a variable-length integer (zig-zag, so the negative amounts of
 * duplicates taken back stay short); a city of a few months and models takes a few hundred bytes
 * rather than 64 KiB. Paths (the split's files in the work folder) are written as text: the
 * coordinator and its workers see the work folder at the same path on a shared disk.
 *
 * <p>The first byte is the format's {@link #VERSION}: a coordinator and its workers run one
 * Tilework version, and a partial of another format is refused by name rather than misread.
 */
public final class PartialCodec implements Codec<Partial> {

    public static final PartialCodec INSTANCE = new PartialCodec();
    /** The format written; change it with any change to the layout below. */
    static final int VERSION = 2; // 2: units, sale costs, makes and extra dimensions (issue 24)
    private static final RejectReason[] REASONS = RejectReason.values();

    private PartialCodec() {
    }

    @Override
    public byte[] encode(Partial partial) {
        var out = new Writer();
        out.write(VERSION);
        out.number(partial.lines);
        out.number(partial.headerLines);
        out.number(partial.blankLines);
        out.number(partial.accepted);
        out.number(partial.rejected);
        out.number(partial.rejectsByReason.size());
        partial.rejectsByReason.forEach((reason, count) -> {
            out.text(reason.name());
            out.number(count);
        });
        out.number(partial.cities.size());
        partial.cities.forEach((name, totals) -> {
            out.text(name);
            city(out, totals);
        });
        out.number(partial.spellings.size());
        partial.spellings.forEach((spelling, count) -> {
            out.text(spelling);
            out.number(count);
        });
        out.number(partial.dimensions.size());
        partial.dimensions.forEach((dimension, values) -> {
            out.text(dimension);
            out.number(values.size());
            values.forEach((value, t) -> {
                out.text(value);
                out.number(t.saleCount);
                out.number(t.saleUnits);
                out.number(t.saleCents);
                out.number(t.rentalCount);
                out.number(t.rentalUnits);
                out.number(t.rentalCents);
            });
        });
        out.number(partial.idRuns.size());
        for (IdRun run : partial.idRuns) {
            out.text(run.file().toString());
            out.number(run.entries());
            out.number(run.partitionStarts().length);
            int previous = 0;
            for (int start : run.partitionStarts()) { // increasing: the partitions' sizes are small numbers
                out.number(start - previous);
                previous = start;
            }
        }
        out.number(partial.splits.size());
        for (Partial.SplitSummary split : partial.splits) {
            out.number(split.index());
            out.number(split.file());
            out.number(split.lines());
            out.number(split.rejects());
            out.text(split.rejectsFile() == null ? "" : split.rejectsFile().toString());
            out.number(split.firstLine() + 1);
            out.number(split.lastLine() + 1);
        }
        return out.toByteArray();
    }

    private static void city(Writer out, CityTotals totals) {
        span(out, totals.saleCents);
        span(out, totals.saleCount);
        span(out, totals.rentalBookedCents);
        span(out, totals.rentalCount);
        span(out, totals.rentalRecognisedCents);
        span(out, totals.saleUnits);
        span(out, totals.rentalUnits);
        span(out, totals.saleCostCents);
        models(out, totals.models);
        models(out, totals.makes);
    }

    private static void models(Writer out, java.util.Map<String, CityTotals.ModelTotals> models) {
        out.number(models.size());
        models.forEach((name, model) -> {
            out.text(name);
            out.number(model.saleCount);
            out.number(model.saleCents);
            out.number(model.rentalCount);
            out.number(model.rentalCents);
            out.number(model.rentalMonths);
            out.number(model.saleUnits);
            out.number(model.rentalUnits);
            out.number(model.saleCostCents);
            out.text(model.make == null ? "" : model.make);
        });
    }

    /** The array's non-zero span: its first index and length (0 for none), then the values. */
    private static void span(Writer out, long[] values) {
        int first = 0;
        while (first < values.length && values[first] == 0) {
            first++;
        }
        int end = values.length;
        while (end > first && values[end - 1] == 0) {
            end--;
        }
        out.number(end - first);
        if (end > first) {
            out.number(first);
            for (int i = first; i < end; i++) {
                out.number(values[i]);
            }
        }
    }

    @Override
    public Partial decode(byte[] bytes) {
        var in = new Reader(bytes);
        int version = in.read();
        if (version != VERSION) {
            throw new IllegalArgumentException("a sales partial in format " + version + ", but this Tilework reads format "
                    + VERSION + ": the coordinator and its workers must run the same Tilework version");
        }
        var partial = new Partial();
        partial.lines = in.number();
        partial.headerLines = in.number();
        partial.blankLines = in.number();
        partial.accepted = in.number();
        partial.rejected = in.number();
        for (int i = in.count(); i > 0; i--) {
            String reason = in.text();
            partial.rejectsByReason.put(reason(reason), in.number());
        }
        for (int i = in.count(); i > 0; i--) {
            CityTotals totals = partial.city(in.text());
            city(in, totals);
        }
        for (int i = in.count(); i > 0; i--) {
            partial.spellings.put(in.text(), in.number());
        }
        for (int i = in.count(); i > 0; i--) {
            String dimension = in.text();
            for (int v = in.count(); v > 0; v--) {
                DimensionTotals t = partial.dimension(dimension, in.text());
                t.saleCount = in.number();
                t.saleUnits = in.number();
                t.saleCents = in.number();
                t.rentalCount = in.number();
                t.rentalUnits = in.number();
                t.rentalCents = in.number();
            }
        }
        for (int i = in.count(); i > 0; i--) {
            Path file = Path.of(in.text());
            int entries = in.count();
            int[] starts = new int[in.count()];
            int at = 0;
            for (int p = 0; p < starts.length; p++) {
                at += in.count();
                starts[p] = at;
            }
            partial.idRuns.add(new IdRun(file, entries, starts));
        }
        for (int i = in.count(); i > 0; i--) {
            int index = in.count();
            int file = in.count();
            long lines = in.number();
            long rejects = in.number();
            String rejectsFile = in.text();
            long firstLine = in.number() - 1;
            long lastLine = in.number() - 1;
            partial.splits.add(new Partial.SplitSummary(index, file, lines, rejects, rejectsFile.isEmpty() ? null : Path.of(rejectsFile),
                    firstLine, lastLine));
        }
        if (!in.atEnd()) {
            throw new IllegalArgumentException("a sales partial with " + in.remaining() + " bytes after its end");
        }
        return partial;
    }

    private static void city(Reader in, CityTotals totals) {
        span(in, totals.saleCents);
        span(in, totals.saleCount);
        span(in, totals.rentalBookedCents);
        span(in, totals.rentalCount);
        span(in, totals.rentalRecognisedCents);
        span(in, totals.saleUnits);
        span(in, totals.rentalUnits);
        span(in, totals.saleCostCents);
        models(in, totals, false);
        models(in, totals, true);
    }

    private static void models(Reader in, CityTotals totals, boolean makes) {
        for (int i = in.count(); i > 0; i--) {
            String name = in.text();
            CityTotals.ModelTotals model = makes ? totals.make(name) : totals.model(name);
            model.saleCount = in.number();
            model.saleCents = in.number();
            model.rentalCount = in.number();
            model.rentalCents = in.number();
            model.rentalMonths = in.number();
            model.saleUnits = in.number();
            model.rentalUnits = in.number();
            model.saleCostCents = in.number();
            String make = in.text();
            model.make = make.isEmpty() ? null : make;
        }
    }

    private static void span(Reader in, long[] values) {
        int length = in.count();
        if (length == 0) {
            return;
        }
        int first = in.count();
        if (first + length > values.length || first + length < 0) {
            throw new IllegalArgumentException("a sales partial with months " + first + " to " + (first + length)
                    + ", past the " + values.length + " it can hold");
        }
        for (int i = first; i < first + length; i++) {
            values[i] = in.number();
        }
    }

    private static RejectReason reason(String name) {
        for (RejectReason reason : REASONS) {
            if (reason.name().equals(name)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("a sales partial with an unknown reject reason '" + name + "'");
    }

    /** Variable-length numbers and UTF-8 text into a growing array. */
    private static final class Writer extends ByteArrayOutputStream {

        Writer() {
            super(256);
        }

        /** Zig-zag, then seven bits a byte, low bits first. */
        void number(long value) {
            long v = (value << 1) ^ (value >> 63);
            while ((v & ~0x7FL) != 0) {
                write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            write((int) v);
        }

        void text(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            number(utf8.length);
            write(utf8, 0, utf8.length);
        }
    }

    /** Reads what {@link Writer} wrote; a short or damaged array is an {@link IllegalArgumentException}. */
    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int read() {
            if (at >= bytes.length) {
                throw new IllegalArgumentException("a sales partial cut short at byte " + at);
            }
            return bytes[at++] & 0xFF;
        }

        long number() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                if (shift > 63) {
                    throw new IllegalArgumentException("a sales partial with a number too long at byte " + at);
                }
                int b = read();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            return (v >>> 1) ^ -(v & 1);
        }

        /** A count or index: not negative, an {@code int}. */
        int count() {
            long value = number();
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a sales partial with a count of " + value + " before byte " + at);
            }
            return (int) value;
        }

        String text() {
            int length = count();
            if (length > bytes.length - at) {
                throw new IllegalArgumentException("a sales partial cut short in a text of " + length + " bytes at byte " + at);
            }
            String value = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return value;
        }

        boolean atEnd() {
            return at == bytes.length;
        }

        int remaining() {
            return bytes.length - at;
        }
    }
}
