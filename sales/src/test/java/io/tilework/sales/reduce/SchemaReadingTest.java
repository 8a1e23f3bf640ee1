package io.tilework.sales.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.Engine;
import io.tilework.engine.job.JobContext;
import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.failure.SalesInputInvalid;
import io.tilework.sales.map.CityTotals;
import io.tilework.sales.map.DimensionTotals;
import io.tilework.sales.map.Partial;
import io.tilework.sales.map.PartialCodec;
import io.tilework.sales.map.RowParser;
import io.tilework.sales.schema.SalesSchema;
import io.tilework.sales.schema.SchemaFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in other dialects read through a schema: each file is written here from rows kept as values, and the sums the
 * scan makes are compared with the sums of those values computed here (not with what Tilework printed before).
 */
@DisplayName("reading through a schema: encodings, delimiters, quotes, dates, numbers, expressions, dimensions, rejects")
class SchemaReadingTest {

    @TempDir
    Path dir;

    private final Engine engine = Engine.builder().build();

    @AfterEach
    void close() {
        engine.close();
    }

    /** One transaction as its values. */
    record Row(String id, LocalDate date, String city, boolean rental, String model, String make, long unitCents, int quantity,
               int months, long costCents, String gender) {
        long cents() {
            return unitCents * quantity;
        }

        int month() {
            return (date.getYear() - 1970) * 12 + date.getMonthValue() - 1;
        }
    }

    private static List<Row> rows(int count, long seed) {
        var random = new java.util.Random(seed);
        String[] cities = {"Besançon", "Lyon", "Saint-Étienne"};
        String[] models = {"Clio; RS", "Zoé \"E-Tech\"", "Mégane"};
        String[] makes = {"Renault", "Dacia"};
        var rows = new ArrayList<Row>();
        for (int i = 0; i < count; i++) {
            boolean rental = random.nextInt(4) == 0;
            rows.add(new Row("INV-" + i, LocalDate.of(2023, 1, 1).plusDays(random.nextInt(700)), cities[random.nextInt(3)], rental,
                    models[random.nextInt(3)], makes[random.nextInt(2)], 100_00 + random.nextInt(2_000_000), 1 + random.nextInt(3),
                    rental ? 1 + random.nextInt(48) : 0, random.nextInt(1_000_000), random.nextBoolean() ? "F" : "M"));
        }
        return rows;
    }

    /** An amount in cents as 1 234,56 (a space between thousands, a decimal comma) with the euro sign after. */
    private static String euros(long cents) {
        String units = String.format(Locale.ROOT, "%,d", cents / 100).replace(',', ' ');
        return units + "," + String.format(Locale.ROOT, "%02d", cents % 100) + " €";
    }

    private SalesScan.Result scan(Path file, SalesSchema schema) throws Exception {
        return scan(file, schema, 50);
    }

    private SalesScan.Result scan(Path file, SalesSchema schema, double maxRejectedPercent) throws Exception {
        var options = new SalesScan.Options(schema, 4096, false, maxRejectedPercent);
        return SalesScan.run(engine, List.of(file), options, dir.resolve("rejects.csv"), JobContext.Progress.NONE);
    }

    /** That rejects.csv lists line {@code line} with {@code reason}, its description holding {@code detail}. */
    private void assertRejected(int line, RejectReason reason, String detail) throws Exception {
        String rejects = Files.readString(dir.resolve("rejects.csv"));
        String row = rejects.lines().filter(l -> l.contains("," + line + "," + reason.name() + ",")).findFirst().orElse(null);
        assertTrue(row != null && row.contains(detail), "line " + line + " " + reason + " '" + detail + "' in\n" + rejects);
    }

    /** The sums the scan must find, computed from the rows. */
    private static void assertSums(List<Row> rows, Partial totals, Function<Row, String> group, boolean withMake, boolean withGender) {
        var expected = new TreeMap<String, CityTotals>();
        var genders = new TreeMap<String, long[]>();
        for (Row r : rows) {
            CityTotals city = expected.computeIfAbsent(group.apply(r), c -> new CityTotals());
            CityTotals.ModelTotals model = city.model(r.model());
            int m = r.month();
            if (r.rental()) {
                city.rentalBookedCents[m] += r.cents() * r.months();
                city.rentalCount[m]++;
                city.rentalUnits[m] += r.quantity();
                model.rentalCount++;
                model.rentalCents += r.cents() * r.months();
            } else {
                city.saleCents[m] += r.cents();
                city.saleCount[m]++;
                city.saleUnits[m] += r.quantity();
                city.saleCostCents[m] += r.costCents();
                model.saleCount++;
                model.saleCents += r.cents();
                model.saleUnits += r.quantity();
            }
            if (withMake) {
                CityTotals.ModelTotals make = city.make(r.make());
                if (r.rental()) {
                    make.rentalCount++;
                } else {
                    make.saleCount++;
                    make.saleCents += r.cents();
                }
            }
            long[] g = genders.computeIfAbsent(r.gender(), x -> new long[3]);
            g[r.rental() ? 1 : 0]++;
            g[2] += r.quantity();
        }
        assertEquals(expected.keySet(), totals.cities.keySet());
        expected.forEach((name, want) -> {
            CityTotals got = totals.cities.get(name);
            for (var series : List.of(List.of(want.saleCents, got.saleCents), List.of(want.saleCount, got.saleCount),
                    List.of(want.rentalBookedCents, got.rentalBookedCents), List.of(want.rentalCount, got.rentalCount),
                    List.of(want.saleUnits, got.saleUnits), List.of(want.rentalUnits, got.rentalUnits),
                    List.of(want.saleCostCents, got.saleCostCents))) {
                assertTrue(java.util.Arrays.equals(series.get(0), series.get(1)), name);
            }
            // a model whose only row was a repeated id, taken back, stays with zero sums
            assertEquals(want.models.keySet(), got.models.entrySet().stream().filter(m -> m.getValue().saleCount + m.getValue().rentalCount != 0)
                    .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet()), name);
            want.models.forEach((model, w) -> {
                CityTotals.ModelTotals g = got.models.get(model);
                assertEquals(List.of(w.saleCount, w.saleCents, w.saleUnits, w.rentalCount, w.rentalCents),
                        List.of(g.saleCount, g.saleCents, g.saleUnits, g.rentalCount, g.rentalCents), name + " " + model);
            });
            if (withMake) {
                assertEquals(want.makes.keySet(), got.makes.keySet(), name);
                want.makes.forEach((make, w) -> assertEquals(List.of(w.saleCount, w.saleCents, w.rentalCount),
                        List.of(got.makes.get(make).saleCount, got.makes.get(make).saleCents, got.makes.get(make).rentalCount)));
            } else {
                assertTrue(got.makes.isEmpty());
            }
        });
        if (withGender) {
            Map<String, DimensionTotals> got = totals.dimensions.get("gender");
            assertEquals(genders.keySet(), got.keySet());
            genders.forEach((g, want) -> assertEquals(List.of(want[0], want[1], want[2]),
                    List.of(got.get(g).saleCount, got.get(g).rentalCount, got.get(g).saleUnits + got.get(g).rentalUnits)));
        }
    }

    @Test
    @DisplayName("Windows-1252, ';', two lines skipped, dd/MM/yyyy, decimal comma, thousands space, euro sign, quoted ';' and doubled quotes, price as an expression, make, cost, a dimension, NA, spellings folded")
    void dealerExport() throws Exception {
        List<Row> rows = rows(600, 1);
        Charset cp1252 = Charset.forName("windows-1252");
        var text = new StringBuilder("Export of 2024-12-01;;\r\nDealer network\r\n");
        text.append("Invoice ID;Date;Dealer_Region;Kind;Model;Company;Unit Price;Qty;Months;Cost;Gender\r\n");
        int i = 0;
        for (Row r : rows) {
            // every third city written otherwise: upper case, spaces around, accents dropped
            String city = i % 3 == 0 ? r.city().toUpperCase(Locale.ROOT) : i % 3 == 1 ? "  " + r.city() + " " : r.city();
            text.append(r.id()).append(';').append(r.date().format(DateTimeFormatter.ofPattern(i % 2 == 0 ? "dd/MM/yyyy" : "d/M/yyyy")))
                    .append(';').append(city).append(';').append(r.rental() ? (i % 2 == 0 ? "R" : "lease") : (i % 2 == 0 ? "s" : "Sale"))
                    .append(';').append('"').append(r.model().replace("\"", "\"\"")).append('"').append(';').append(r.make())
                    .append(';').append(euros(r.unitCents())).append(';').append(r.quantity())
                    .append(';').append(r.rental() ? Integer.toString(r.months()) : "NA")
                    .append(';').append(euros(r.costCents())).append(';').append(r.gender()).append("\r\n");
            i++;
        }
        Path file = Files.write(dir.resolve("dealer.csv"), text.toString().getBytes(cp1252));
        SalesSchema schema = SchemaFile.parse("dealer.yaml", """
                schema: dealer
                dialect: {encoding: windows-1252, delimiter: ";", quote: '"', escape: '"', header: true, skip: 2, nulls: ["", "NA", "-"]}
                numbers: {decimal: ",", thousands: " ", currency: ["€", "EUR"]}
                dates: ["dd/MM/yyyy", "d/M/yyyy"]
                concepts:
                  id: {column: invoice id}
                  date: {column: Date}
                  city: {column: Dealer_Region, normalise: [trim, case, accents]}
                  type: {column: Kind, sale: [sale, S], rental: [lease, R]}
                  model: {column: Model}
                  make: {column: Company}
                  price: {expression: "[Unit Price] * [Qty]"}
                  quantity: {column: Qty}
                  duration: {column: Months}
                  cost: {column: Cost}
                dimensions:
                  gender: {column: Gender, normalise: [trim, case]}
                """);
        SalesScan.Result result = scan(file, schema);
        assertEquals(0, result.totals().rejected, Files.readString(dir.resolve("rejects.csv")));
        assertEquals(rows.size(), result.totals().accepted);
        assertEquals(3, result.totals().headerLines);
        assertSums(rows, result.totals(), r -> io.tilework.sales.map.CityNames.normalise(r.city()), true, true);
        assertEquals(schema, result.schema());
        assertTrue(result.totals().spellings.containsKey("BESANÇON"), result.totals().spellings.toString());
        // what a cluster worker sends back carries the same sums
        Partial back = PartialCodec.INSTANCE.decode(PartialCodec.INSTANCE.encode(result.totals()));
        assertSums(rows, back, r -> io.tilework.sales.map.CityNames.normalise(r.city()), true, true);
        assertEquals(result.totals().cities.get("Lyon").models.get("Mégane").make,
                back.cities.get("Lyon").models.get("Mégane").make);
    }

    @Test
    @DisplayName("UTF-8 with a byte-order mark, tabs, a backslash escape, M/d/yyyy, $ and thousands commas, no type, no id, no city")
    void tabsAndBackslashes() throws Exception {
        List<Row> rows = rows(300, 2).stream().map(r -> new Row(r.id(), r.date(), r.city(), false, r.model(), r.make(),
                r.unitCents() * 7, 1, 0, 0, r.gender())).toList();
        var text = new StringBuilder("\uFEFFwhen\tModel\tAmount\tnote\n");
        for (Row r : rows) {
            text.append(r.date().format(DateTimeFormatter.ofPattern("M/d/yyyy"))).append('\t')
                    .append('"').append(r.model().replace("\"", "\\\"")).append('"').append('\t')
                    .append("$").append(String.format(Locale.ROOT, "%,d.%02d", r.cents() / 100, r.cents() % 100)).append('\t')
                    .append("\"a\ttab\"").append('\n');
        }
        Path file = Files.writeString(dir.resolve("shop.tsv"), text);
        SalesSchema schema = SchemaFile.parse("shop.yaml", """
                dialect: {delimiter: "\\t", quote: '"', escape: "\\\\"}
                numbers: {decimal: ".", thousands: ",", currency: ["$"]}
                dates: ["M/d/yyyy"]
                concepts: {date: {column: when}, model: {column: model}, price: {column: amount}}
                """);
        SalesScan.Result result = scan(file, schema);
        assertEquals(0, result.totals().rejected, Files.readString(dir.resolve("rejects.csv")));
        assertSums(rows, result.totals(), r -> "all", false, false);
        assertTrue(result.totals().spellings.isEmpty());
    }

    @Test
    @DisplayName("monthly aggregates without a header: positions, month names, a quantity and no price: units, no revenue")
    void monthlyAggregates() throws Exception {
        var text = new StringBuilder();
        var rows = new ArrayList<Row>();
        String[] models = {"Model 3", "Model Y", "Kona"};
        for (int m = 0; m < 24; m++) {
            for (int k = 0; k < models.length; k++) {
                LocalDate month = LocalDate.of(2023, 1, 1).plusMonths(m);
                int units = 10 + (m * 7 + k * 13) % 50;
                rows.add(new Row("", month, "all", false, models[k], k < 2 ? "Tesla" : "Hyundai", 0, units, 0, 0, ""));
                String written = m % 2 == 0 ? month.format(DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH)).toUpperCase(Locale.ROOT)
                        : month.format(DateTimeFormatter.ofPattern("yyyy-MM"));
                text.append(written).append(',').append(k < 2 ? "Tesla" : "Hyundai").append(',').append(models[k]).append(',')
                        .append(units).append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("registrations.csv"), text);
        SalesSchema schema = SchemaFile.parse("registrations.yaml", """
                dialect: {header: false}
                dates: ["MMM yyyy", "yyyy-MM"]
                concepts:
                  month: {position: 1}
                  make: {position: 2}
                  model: {position: 3}
                  quantity: {position: 4}
                """);
        SalesScan.Result result = scan(file, schema);
        assertEquals(0, result.totals().rejected, Files.readString(dir.resolve("rejects.csv")));
        assertEquals(0, result.totals().headerLines);
        assertSums(rows, result.totals(), r -> "all", true, false);
        assertEquals("Tesla", result.totals().cities.get("all").models.get("Model Y").make);
    }

    @Test
    @DisplayName("bytes that are not UTF-8 past the first 64 KiB, or undefined in Windows-1252: a rejected row BAD_ENCODING naming the byte")
    void badEncoding() throws Exception {
        var out = new ByteArrayOutputStream();
        out.write("id,date,city,price\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 3000; i++) {
            out.write(("A" + i + ",2024-01-0" + (1 + i % 9) + ",Zürich,10.50\n").getBytes(StandardCharsets.UTF_8));
        }
        long offset = out.size();
        out.write("B1,2024-02-01,Z".getBytes(StandardCharsets.UTF_8));
        out.write(0xFC); // ü in Latin-1
        out.write("rich,10.50\n".getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(dir.resolve("mixed.csv"), out.toByteArray());
        assertTrue(offset > 65536);
        SalesSchema schema = SchemaFile.parse("m.yaml", "concepts: {id: id, date: date, city: city, price: price}\n");
        SalesScan.Result result = scan(file, schema);
        assertEquals(3000, result.totals().accepted);
        assertEquals(Map.of(RejectReason.BAD_ENCODING, 1L), result.totals().rejectsByReason);
        assertRejected(3002, RejectReason.BAD_ENCODING, "byte " + (offset + 15) + " (0xfc) is not UTF-8");
        assertEquals(3000 * 1050L, java.util.Arrays.stream(result.totals().cities.get("Zürich").saleCents).sum());

        byte[] latin = "id;date;city;price\nA1;2024-01-01;Z\u00fcrich;10,50\nA2;2024-01-01;Z\u0081rich;10,50\n".getBytes(StandardCharsets.ISO_8859_1);
        Path cp = Files.write(dir.resolve("cp.csv"), latin);
        SalesSchema cpSchema = SchemaFile.parse("cp.yaml", """
                dialect: {encoding: windows-1252, delimiter: ";"}
                numbers: {decimal: ","}
                concepts: {id: id, date: date, city: {column: city, normalise: [accents]}, price: price}
                """);
        SalesScan.Result cpResult = scan(cp, cpSchema);
        assertEquals(1, cpResult.totals().accepted);
        assertEquals(List.of("Zurich"), List.copyOf(cpResult.totals().cities.keySet()));
        assertRejected(3, RejectReason.BAD_ENCODING, "byte " + (latin.length - 12) + " (0x81) is not windows-1252");
    }

    @Test
    @DisplayName("bad values through a schema: each rejected with its reason, what was found and the pattern or notation expected")
    void rejects() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.csv"), """
                ref;day;shop;what;qty;unit;cost
                1;31/12/2024;A;car;2;10,00;5
                2;31/02/2024;A;car;2;10,00;5
                3;01/01/2024;A;car;two;10,00;5
                4;01/01/2024;A;car;2;ten;5
                5;01/01/2024;A;car;2;10,00;-5
                6;01/01/2024;A;car;2;;5
                7;01/01/2024;A;car;1,5;10,00;5
                1;02/12/2024;B;car;3;1,00;1
                """);
        SalesSchema schema = SchemaFile.parse("bad.yaml", """
                dialect: {delimiter: ";"}
                numbers: {decimal: ","}
                dates: ["dd/MM/yyyy"]
                concepts:
                  id: {column: ref}
                  date: {column: day}
                  city: {column: shop}
                  model: {column: what}
                  quantity: {column: qty}
                  price: {expression: "[unit] * [qty]"}
                  cost: {column: cost}
                """);
        SalesScan.Result result = scan(file, schema, 100);
        assertEquals(1, result.totals().accepted);
        assertRejected(3, RejectReason.BAD_DATE, "'31/02/2024' is not a date of dd/MM/yyyy from 1970 to 2099");
        assertRejected(4, RejectReason.BAD_PRICE, "price = [unit] * [qty] has a missing or bad value"); // qty is no number
        assertRejected(5, RejectReason.BAD_PRICE, "price = [unit] * [qty] has a missing or bad value");
        assertRejected(6, RejectReason.BAD_COST, "'-5' is not an amount");
        assertRejected(7, RejectReason.BAD_PRICE, "price = [unit] * [qty]");
        assertRejected(8, RejectReason.BAD_QUANTITY, "'1,5' is not a whole number");
        assertRejected(9, RejectReason.DUPLICATE_ID, "");
        CityTotals a = result.totals().cities.get("A");
        int december = (2024 - 1970) * 12 + 11;
        assertEquals(List.of(2000L, 2L, 500L), List.of(a.saleCents[december], a.saleUnits[december], a.saleCostCents[december]));
        CityTotals b = result.totals().cities.get("B");
        assertEquals(List.of(0L, 0L, 0L), List.of(java.util.Arrays.stream(b.saleCount).sum(), java.util.Arrays.stream(b.saleUnits).sum(),
                java.util.Arrays.stream(b.saleCostCents).sum()), "the repeated id is taken back out of the sums");
    }

    @Test
    @DisplayName("a schema column the header lacks: the header found, the concept and the schema's line")
    void missingColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("x.csv"), "Date,Store,Total\n2024-01-01,A,1\n");
        SalesSchema schema = SchemaFile.parse("x.yaml", "concepts:\n  date: {column: Date}\n  city: {column: Shop}\n  price: {column: Total}\n");
        var e = assertThrows(SalesInputInvalid.class, () -> scan(file, schema));
        assertTrue(e.getMessage().startsWith(file + ": the header [Date, Store, Total] has no column Shop (city, x.yaml line 3)"),
                e.getMessage());
    }

    @Test
    @DisplayName("our own layout read through the general paths (dates tried in two patterns, amounts as text) gives the same sums and rejects as the fast paths")
    void fastAndGeneralPathsAgree() throws Exception {
        Path file = dir.resolve("t.csv");
        io.tilework.sales.generate.SalesGenerator.write(file, new io.tilework.sales.generate.SalesGenerator.Options(4_000, 3, 0.03),
                (line, reason) -> { });
        SalesScan.Result fast = scan(file, SchemaFile.builtIn());
        SalesSchema general = SchemaFile.parse("general.yaml", """
                dialect: {nulls: ["", "NULL"]}
                numbers: {decimal: ".", currency: ["EUR"]}
                dates: ["yyyy-MM-dd", "dd.MM.yyyy"]
                concepts:
                  id: {column: transaction_id}
                  date: {column: date}
                  city: {column: ville, normalise: [trim, case, accents]}
                  type: {column: type, sale: [vente], rental: [location]}
                  model: {column: modele}
                  price: {column: prix}
                  duration: {column: duree_location_mois}
                """);
        SalesScan.Result slow = scan(file, general);
        assertEquals(fast.totals().rejectsByReason, slow.totals().rejectsByReason);
        assertEquals(fast.totals().accepted, slow.totals().accepted);
        assertEquals(fast.totals().cities.keySet(), slow.totals().cities.keySet());
        fast.totals().cities.forEach((city, f) -> {
            CityTotals s = slow.totals().cities.get(city);
            assertTrue(java.util.Arrays.equals(f.saleCents, s.saleCents) && java.util.Arrays.equals(f.rentalBookedCents, s.rentalBookedCents)
                    && java.util.Arrays.equals(f.saleUnits, s.saleUnits), city);
        });
    }

    @Test
    @DisplayName("quoted fields holding line breaks (LF and CRLF), at every split size: the records whole, lines numbered in the file, duplicates found, an unclosed quote at the end rejected and the lines after it read afresh")
    void recordsSpanningLines() throws Exception {
        // no quantity, no cost, no type column here: one unit a row, every row a sale
        List<Row> rows = rows(400, 9).stream().map(r -> new Row(r.id(), r.date(), r.city(), false, r.model(), r.make(), r.cents(), 1, 0, 0,
                r.gender())).toList();
        var text = new StringBuilder("id,when,site,model,price,note\r\n");
        int lines = 1;
        var lineOf = new java.util.HashMap<String, Integer>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            lineOf.put(r.id(), lines + 1);
            String note = i % 3 == 0 ? "\"first line\nsecond, with a comma\r\nthird \"\"quoted\"\"\"" : i % 3 == 1 ? "\"\n\"" : "plain";
            text.append(r.id()).append(',').append(r.date()).append(',').append(r.city()).append(',')
                    .append('"').append(r.model().replace("\"", "\"\"")).append('"').append(',')
                    .append(r.cents() / 100).append('.').append(String.format(Locale.ROOT, "%02d", r.cents() % 100)).append(',')
                    .append(note).append("\r\n");
            lines += 1 + (int) note.chars().filter(c -> c == '\n').count();
        }
        Row repeated = rows.get(3); // i % 3 == 0: its note spans three lines
        String again = repeated.id() + ",2024-05-05,Paris,\"x\",1.00,\"a\nb\"\r\n";
        text.append(again);
        int againLine = lines + 1;
        lines += 2;
        text.append("X1,2024-01-01,Paris,\"never closed,1.00,x\nX2,2024-01-01,Paris,y,2.00,z\n");
        lines += 2;
        Path file = Files.writeString(dir.resolve("notes.csv"), text);
        SalesSchema schema = SchemaFile.parse("notes.yaml", "concepts: {id: id, date: when, city: site, model: model, price: price}\n");
        for (long split : List.of(1024L, 1500L, 4096L, 1L << 20)) {
            var options = new SalesScan.Options(schema, split, false, 50);
            SalesScan.Result result = SalesScan.run(engine, List.of(file), options, dir.resolve("rejects.csv"), JobContext.Progress.NONE);
            var accepted = new ArrayList<>(rows);
            accepted.add(new Row("X2", LocalDate.of(2024, 1, 1), "Paris", false, "y", "", 200, 1, 0, 0, ""));
            assertSums(accepted, result.totals(), Row::city, false, false);
            assertEquals(Map.of(RejectReason.DUPLICATE_ID, 1L, RejectReason.UNCLOSED_QUOTE, 1L), result.totals().rejectsByReason, "split " + split);
            assertEquals(lines, result.totals().lines, "split " + split);
            assertRejected(againLine, RejectReason.DUPLICATE_ID, "");
            assertRejected(lines - 1, RejectReason.UNCLOSED_QUOTE, "the quote opening field 4");
            assertTrue(Files.readString(dir.resolve("rejects.csv")).contains("\"a\nb\"\""), "the repeated record whole, its line break kept");
        }
        var strict = new SalesScan.Options(schema, 1024, true, 50);
        var bad = assertThrows(io.tilework.sales.failure.BadRowException.class,
                () -> SalesScan.run(engine, List.of(file), strict, dir.resolve("rejects.csv"), JobContext.Progress.NONE));
        assertTrue(bad.getMessage().contains("notes.csv:" + (lines - 1) + ": "), bad.getMessage());
    }
}
