package io.tilework.sales.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.map.CityNames;
import io.tilework.sales.map.IdRun;
import io.tilework.sales.map.RowParser;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("sales input: byte-range splits read every line once; fields and values parsed from bytes")
class SplitReadingTest {

    @TempDir
    Path dir;

    private static List<String> readAll(List<Split> splits) throws Exception {
        var lines = new ArrayList<String>();
        for (Split split : splits) {
            int before = lines.size();
            long owned = LineScanner.scan(split, (b, from, to, offset) -> lines.add(new String(b, from, to - from, StandardCharsets.UTF_8)));
            assertEquals(lines.size() - before, owned, "the count a split returns is the lines it handed over: " + split);
        }
        return lines;
    }

    @Test
    @DisplayName("every split size from 1 KiB up, CRLF or LF, with and without a final line break: the lines of the file, once, in order")
    void splits_coverEveryLineOnce() throws Exception {
        var random = new Random(7);
        var expected = new ArrayList<String>();
        var text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            String line = "TX" + i + ",2024-01-15,Lyon,vente," + "M".repeat(random.nextInt(40)) + ",45000,NULL";
            expected.add(line);
            text.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        for (boolean finalBreak : new boolean[] {true, false}) {
            String content = finalBreak ? text.toString() : text.toString().stripTrailing();
            Path file = Files.writeString(dir.resolve("t" + finalBreak + ".csv"), content);
            for (long size : new long[] {1024, 1025, 4096, 10_000, 65_536, 1 << 20}) {
                assertEquals(expected, readAll(Splits.plan(List.of(file), size)), "split size " + size + ", final break " + finalBreak);
            }
        }
    }

    @Test
    @DisplayName("a byte-order mark is skipped; a gzip file is one split with the same lines; offsets point at line starts")
    void bomGzipAndOffsets() throws Exception {
        byte[] content = "\uFEFFa,b\nc,d\r\ne,f\n".getBytes(StandardCharsets.UTF_8);
        Path plain = Files.write(dir.resolve("bom.csv"), content);
        Path gzip = dir.resolve("bom.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(content);
        }
        assertEquals(List.of("a,b", "c,d", "e,f"), readAll(Splits.plan(List.of(plain), 1024)));
        List<Split> gz = Splits.plan(List.of(gzip), 1024);
        assertEquals(1, gz.size());
        assertTrue(gz.get(0).gzip());
        assertEquals(List.of("a,b", "c,d", "e,f"), readAll(gz));
        var offsets = new ArrayList<Long>();
        LineScanner.scan(Splits.plan(List.of(plain), 1024).get(0), (b, f, t, offset) -> offsets.add(offset));
        assertEquals(List.of(0L, 7L, 12L), offsets, "the BOM's line starts at 0; the others after each LF");
    }

    @Test
    @DisplayName("fields: quotes hold delimiters and escaped quotes; wrong column counts and open quotes are reasons")
    void fields() {
        var parser = new RowParser(',', 3);
        byte[] line = "a,\"b,\"\"c\"\"\",d".getBytes(StandardCharsets.UTF_8);
        assertNull(parser.split(line, 0, line.length));
        assertEquals("b,\"c\"", parser.text(line, 1));
        assertEquals("d", parser.text(line, 2));
        byte[] four = "a,b,c,d".getBytes(StandardCharsets.UTF_8);
        assertEquals(RejectReason.COLUMN_COUNT, parser.split(four, 0, four.length));
        byte[] two = "a,b".getBytes(StandardCharsets.UTF_8);
        assertEquals(RejectReason.COLUMN_COUNT, parser.split(two, 0, two.length));
        byte[] open = "a,\"b,c".getBytes(StandardCharsets.UTF_8);
        assertEquals(RejectReason.UNCLOSED_QUOTE, parser.split(open, 0, open.length));
        byte[] empty = ",,".getBytes(StandardCharsets.UTF_8);
        assertNull(parser.split(empty, 0, empty.length), "three empty fields");
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int month(String date) {
        byte[] bytes = b(date);
        return RowParser.month(bytes, 0, bytes.length);
    }

    private static long cents(String price) {
        byte[] bytes = b(price);
        return RowParser.cents(bytes, 0, bytes.length);
    }

    private static int duration(String text) {
        byte[] bytes = b(text);
        return RowParser.duration(bytes, 0, bytes.length);
    }

    @Test
    @DisplayName("dates, prices, durations and types: every accepted form and every rejected one")
    void values() {
        assertEquals((2024 - 1970) * 12, month("2024-01-15"));
        assertEquals((2024 - 1970) * 12 + 1, month("2024-02-29"), "a leap day");
        for (String bad : new String[] {"2023-02-29", "2024-13-01", "2024-04-31", "2024-00-10", "24-01-15", "2024/01/15",
                "1969-12-31", "2100-01-01", "2024-01-1x", ""}) {
            assertEquals(-1, month(bad), bad);
        }
        assertEquals(4_500_000, cents("45000"));
        assertEquals(80_050, cents("800.50"));
        assertEquals(80_005, cents("800.05"));
        assertEquals(80_050, cents("800.5"));
        assertEquals(0, cents("0"));
        assertEquals(0, cents("-0"), "minus zero is zero");
        assertEquals(RowParser.NEGATIVE, cents("-5"));
        for (String bad : new String[] {"", "abc", "1.234", "1.", ".5", "1e3", "12 000", "1,5"}) {
            assertEquals(RowParser.BAD, cents(bad), bad);
        }
        assertEquals(RowParser.NO_DURATION, duration(""));
        assertEquals(RowParser.NO_DURATION, duration("NULL"));
        assertEquals(RowParser.NO_DURATION, duration("null"));
        assertEquals(12, duration("12"));
        assertEquals(48, duration("48"));
        for (String bad : new String[] {"0", "49", "-1", "1.5", "abc", "100"}) {
            assertEquals(-1, duration(bad), bad);
        }
        assertEquals(0, RowParser.type(b("vente"), 0, 5));
        assertEquals(1, RowParser.type(b("LOCATION"), 0, 8));
        assertEquals(-1, RowParser.type(b("achat"), 0, 5));
    }

    @Test
    @DisplayName("city spellings become one name: accents, case and spaces")
    void cityNames() {
        assertEquals("Lyon", CityNames.normalise(" LYÓN "));
        assertEquals("Lyon", CityNames.normalise("lyon"));
        assertEquals("Saint Etienne", CityNames.normalise("saint   étienne"));
        assertEquals("Aix-En-Provence", CityNames.normalise("aix-en-provence"));
    }

    @Test
    @DisplayName("id runs are grouped by partition in row order, and every partition range finds exactly the groups of equal hashes")
    void idRuns(@TempDir Path dir) throws Exception {
        var random = new Random(3);
        var runs = new ArrayList<IdRun>();
        var expected = new TreeMap<Long, List<Long>>(); // hash -> positions
        long[] repeated = {42, 43L << 56 | 7, -5, Long.MIN_VALUE};
        for (int p = 0; p < 5; p++) {
            int n = 1000 + random.nextInt(1000) + (p == 4 ? 3000 : 0);
            long[] hashes = new long[n];
            long[] positions = new long[n];
            int[] lines = new int[n];
            for (int i = 0; i < n; i++) {
                hashes[i] = random.nextInt(50) == 0 ? repeated[random.nextInt(repeated.length)] : random.nextLong();
                positions[i] = IdRun.position(p, i * 10L);
                lines[i] = i + 1;
                expected.computeIfAbsent(hashes[i], h -> new ArrayList<>()).add(positions[i]);
            }
            IdRun run = IdRun.write(dir.resolve(p + ".ids"), p, hashes, positions, lines, n);
            assertEquals((long) n * IdRun.RECORD, Files.size(run.file()));
            assertEquals(n, run.partitionStarts()[IdRun.PARTITIONS]);
            runs.add(run);
        }
        expected.values().removeIf(positions -> positions.size() < 2);
        for (int tasks : new int[] {1, 16, 256}) {
            var found = new TreeMap<Long, List<Long>>();
            for (int from = 0; from < IdRun.PARTITIONS; from += IdRun.PARTITIONS / tasks) {
                for (List<IdRun.Entry> group : IdRun.equalHashes(runs, from, from + IdRun.PARTITIONS / tasks)) {
                    long hash = group.get(0).hash();
                    for (int i = 0; i < group.size(); i++) {
                        IdRun.Entry entry = group.get(i);
                        assertEquals(hash, entry.hash());
                        assertEquals(entry.line() * 10L - 10, entry.offset(), "an entry's fields stay together");
                        assertEquals(entry.split(), entry.fileIndex());
                        if (i > 0) {
                            assertTrue(group.get(i - 1).position() < entry.position(), "run order, then row order");
                        }
                    }
                    assertNull(found.put(hash, group.stream().map(IdRun.Entry::position).toList()), "one group per hash");
                }
            }
            assertEquals(expected, found, "every equal-hash group with all its entries, " + tasks + " task(s)");
        }
        assertEquals(repeated.length, expected.size());
    }
}
