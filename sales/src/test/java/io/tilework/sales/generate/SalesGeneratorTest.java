package io.tilework.sales.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.failure.SalesInputInvalid;
import io.tilework.sales.map.CityNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the sales generator: a deterministic dealer export with a chosen share of rows bearing exactly one defect")
class SalesGeneratorTest {

    private static final String HEADER = "transaction_id,date,ville,type,modele,prix,duree_location_mois";
    private static final Pattern PRICE = Pattern.compile("-?[0-9]+(\\.[0-9]{1,2})?");

    @TempDir
    Path dir;

    private record Bad(long line, RejectReason reason) {
    }

    private static List<Bad> write(Path file, SalesGenerator.Options options) throws IOException {
        var bad = new ArrayList<Bad>();
        SalesGenerator.Summary summary = SalesGenerator.write(file, options, (line, reason) -> bad.add(new Bad(line, reason)));
        assertEquals(options.rows(), summary.rows());
        assertEquals(bad.size(), summary.badRows());
        return bad;
    }

    @Test
    @DisplayName("a header, then exactly the rows asked for, each ending in LF; parent directories are created; no temp file is left")
    void headerAndRowCount() throws Exception {
        for (long rows : new long[] {0, 1, 7, 12_345}) {
            Path file = dir.resolve("n" + rows).resolve("sales.csv");
            var summary = SalesGenerator.write(file, SalesGenerator.Options.of(rows, 42), (line, reason) -> { });
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(bytes.length, summary.bytes());
            assertEquals('\n', bytes[bytes.length - 1]);
            List<String> lines = Files.readAllLines(file);
            assertEquals(HEADER, lines.get(0));
            assertEquals(rows, lines.size() - 1, "data lines for " + rows + " rows");
            assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("\r"));
            try (Stream<Path> files = Files.list(file.getParent())) {
                assertEquals(List.of(file), files.toList());
            }
        }
    }

    @Test
    @DisplayName("the same seed gives the same bytes; another seed, other bytes")
    void deterministic() throws Exception {
        var options = new SalesGenerator.Options(5_000, 7, 0.05);
        write(dir.resolve("a.csv"), options);
        write(dir.resolve("b.csv"), options);
        write(dir.resolve("c.csv"), new SalesGenerator.Options(5_000, 8, 0.05));
        byte[] a = Files.readAllBytes(dir.resolve("a.csv"));
        assertArrayEquals(a, Files.readAllBytes(dir.resolve("b.csv")));
        assertFalse(Arrays.equals(a, Files.readAllBytes(dir.resolve("c.csv"))));
    }

    @Test
    @DisplayName("about badFraction of the rows are bad, of every kind; an independent check of each line finds the reported reason, and nothing on the others")
    void badRows() throws Exception {
        Path file = dir.resolve("bad.csv");
        long rows = 20_000;
        List<Bad> bad = write(file, new SalesGenerator.Options(rows, 2024, 0.05));
        assertTrue(bad.size() >= 800 && bad.size() <= 1200, bad.size() + " bad rows");
        var kinds = EnumSet.noneOf(RejectReason.class);
        var reported = new HashMap<Long, RejectReason>();
        long previous = 1;
        for (Bad b : bad) {
            assertTrue(b.line() > previous && b.line() <= rows + 1, "line " + b.line() + " after " + previous);
            previous = b.line();
            kinds.add(b.reason());
            reported.put(b.line(), b.reason());
        }
        assertEquals(EnumSet.of(RejectReason.COLUMN_COUNT, RejectReason.BAD_DATE, RejectReason.UNKNOWN_TYPE,
                RejectReason.BAD_PRICE, RejectReason.NEGATIVE_PRICE, RejectReason.RENTAL_WITHOUT_DURATION,
                RejectReason.BAD_DURATION, RejectReason.DURATION_ON_SALE, RejectReason.DUPLICATE_ID), kinds);

        List<String> lines = Files.readAllLines(file);
        var goodIds = new HashSet<String>();
        var allIdsSoFar = new HashSet<String>();
        var found = new EnumMap<RejectReason, Integer>(RejectReason.class);
        for (int n = 2; n <= lines.size(); n++) {
            String[] f = lines.get(n - 1).split(",", -1);
            RejectReason expected = reported.get((long) n);
            RejectReason reason = check(f, goodIds);
            assertEquals(expected, reason, "line " + n + ": " + lines.get(n - 1));
            if (expected == RejectReason.DUPLICATE_ID) {
                assertTrue(allIdsSoFar.contains(f[0]), "line " + n + " repeats an earlier id");
            }
            if (expected == RejectReason.NEGATIVE_PRICE) {
                assertTrue(f[5].startsWith("-"), "line " + n + " has a negative price");
            }
            if (expected == null) {
                assertEquals(7, f.length);
                assertNotNull(LocalDate.parse(f[1]));
                assertTrue(f[3].equals("vente") || f[3].equals("location"), f[3]);
                assertTrue(goodIds.add(f[0]), "good ids are unique: " + f[0]);
            } else {
                found.merge(expected, 1, Integer::sum);
            }
            if (f.length > 0) {
                allIdsSoFar.add(f[0]);
            }
        }
        for (int count : found.values()) {
            assertTrue(count > 60, "kinds spread evenly: " + found);
        }
    }

    /** What a validator checking in the documented order says of one row; null for a good row. */
    private static RejectReason check(String[] f, Set<String> goodIdsBefore) {
        if (f.length != 7) {
            return RejectReason.COLUMN_COUNT;
        }
        if (f[0].isBlank()) {
            return RejectReason.EMPTY_ID;
        }
        try {
            LocalDate.parse(f[1]);
        } catch (DateTimeParseException e) {
            return RejectReason.BAD_DATE;
        }
        if (f[2].isBlank()) {
            return RejectReason.EMPTY_CITY;
        }
        String type = f[3].toLowerCase();
        if (!type.equals("vente") && !type.equals("location")) {
            return RejectReason.UNKNOWN_TYPE;
        }
        if (f[4].isBlank() || f[4].equals("\"\"")) {
            return RejectReason.EMPTY_MODEL;
        }
        if (!PRICE.matcher(f[5]).matches()) {
            return RejectReason.BAD_PRICE;
        }
        if (f[5].startsWith("-")) {
            return RejectReason.NEGATIVE_PRICE;
        }
        boolean none = f[6].isEmpty() || f[6].equalsIgnoreCase("NULL");
        if (type.equals("location")) {
            if (none) {
                return RejectReason.RENTAL_WITHOUT_DURATION;
            }
            if (!f[6].matches("[0-9]{1,2}") || Integer.parseInt(f[6]) < 1 || Integer.parseInt(f[6]) > 48) {
                return RejectReason.BAD_DURATION;
            }
        } else if (!none) {
            return RejectReason.DURATION_ON_SALE;
        }
        return goodIdsBefore.contains(f[0]) ? RejectReason.DUPLICATE_ID : null;
    }

    @Test
    @DisplayName("five cities once spellings are normalised, Paris the largest and Bordeaux the smallest; Toulouse and Bordeaux open later; 2023-2024 with an August dip")
    void citiesAndDates() throws Exception {
        Path file = dir.resolve("cities.csv");
        List<Bad> bad = write(file, new SalesGenerator.Options(20_000, 11, 0.01));
        Set<Long> badLines = new HashSet<>();
        bad.forEach(b -> badLines.add(b.line()));
        List<String> lines = Files.readAllLines(file);
        var counts = new TreeMap<String, Integer>();
        var firstLine = new HashMap<String, Integer>();
        var firstDate = new HashMap<String, LocalDate>();
        var months = new TreeMap<String, Integer>();
        int oddSpellings = 0;
        int quoted = 0;
        int rentals = 0;
        int withCents = 0;
        for (int n = 2; n <= lines.size(); n++) {
            if (badLines.contains((long) n)) {
                continue;
            }
            String[] f = lines.get(n - 1).split(",", -1);
            String city = CityNames.normalise(f[2]);
            LocalDate date = LocalDate.parse(f[1]);
            counts.merge(city, 1, Integer::sum);
            firstLine.putIfAbsent(city, n);
            firstDate.merge(city, date, (a, b) -> a.isBefore(b) ? a : b);
            months.merge(f[1].substring(0, 7), 1, Integer::sum);
            oddSpellings += city.equals(f[2]) ? 0 : 1;
            quoted += f[4].startsWith("\"") ? 1 : 0;
            rentals += f[3].equals("location") ? 1 : 0;
            withCents += f[5].contains(".") ? 1 : 0;
        }
        assertEquals(Set.of("Paris", "Lyon", "Marseille", "Toulouse", "Bordeaux"), counts.keySet());
        int paris = counts.get("Paris");
        int bordeaux = counts.get("Bordeaux");
        counts.values().forEach(c -> assertTrue(c <= paris && c >= bordeaux, counts.toString()));
        assertTrue(firstLine.get("Bordeaux") > firstLine.get("Paris"));
        assertFalse(firstDate.get("Toulouse").isBefore(LocalDate.of(2023, 7, 1)), "Toulouse opens in July 2023");
        assertFalse(firstDate.get("Bordeaux").isBefore(LocalDate.of(2024, 1, 1)), "Bordeaux opens in January 2024");
        assertEquals("2023-01", months.firstKey());
        assertEquals("2024-12", months.lastKey());
        assertEquals(24, months.size());
        assertTrue(months.get("2024-08") < months.get("2024-06"), "August dips below June: " + months);
        int good = lines.size() - 1 - bad.size();
        assertTrue(oddSpellings > good / 100 && oddSpellings < good / 25, oddSpellings + " odd spellings of " + good);
        assertTrue(quoted > good / 200 && quoted < good / 50, quoted + " quoted models of " + good);
        assertTrue(rentals > good / 4 && rentals < good * 36 / 100, rentals + " rentals of " + good);
        assertTrue(withCents > good / 20 && withCents < good / 6, withCents + " prices with cents of " + good);
    }

    @Test
    @DisplayName("a .gz output is gzip and holds the same rows as the plain file of the same options")
    void gzip() throws Exception {
        var options = new SalesGenerator.Options(3_000, 5, 0.02);
        List<Bad> plainBad = write(dir.resolve("s.csv"), options);
        List<Bad> gzBad = write(dir.resolve("s.csv.gz"), options);
        assertEquals(plainBad, gzBad);
        byte[] gz = Files.readAllBytes(dir.resolve("s.csv.gz"));
        assertEquals(0x1f, gz[0] & 0xff);
        assertEquals(0x8b, gz[1] & 0xff);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("s.csv.gz")))) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("s.csv")), in.readAllBytes());
        }
    }

    @Test
    @DisplayName("a failure while writing leaves neither the file nor a temp file")
    void failureLeavesNothing() throws Exception {
        Path file = dir.resolve("out").resolve("fail.csv");
        var boom = new IllegalStateException("stop");
        var thrown = assertThrows(IllegalStateException.class, () -> SalesGenerator.write(file,
                new SalesGenerator.Options(100_000, 1, 0.1), (line, reason) -> {
                    if (line > 50_000) {
                        throw boom;
                    }
                }));
        assertEquals(boom, thrown);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    @DisplayName("options: rows below 0 and a bad fraction outside 0..0.5 are refused, naming the option")
    void options() {
        var rows = assertThrows(SalesInputInvalid.class, () -> new SalesGenerator.Options(-1, 1, 0.01));
        assertTrue(rows.getMessage().contains("rows"), rows.getMessage());
        for (double fraction : new double[] {0.51, -0.01, Double.NaN}) {
            var e = assertThrows(SalesInputInvalid.class, () -> new SalesGenerator.Options(10, 1, fraction));
            assertTrue(e.getMessage().contains("badFraction"), e.getMessage());
        }
        assertEquals(0.01, SalesGenerator.Options.of(10, 1).badFraction());
        new SalesGenerator.Options(0, 1, 0.5);
    }
}
