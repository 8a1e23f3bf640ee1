package io.tilework.sales.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.Engine;
import io.tilework.engine.job.JobContext;
import io.tilework.sales.failure.BadRowException;
import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.failure.SalesInputInvalid;
import io.tilework.sales.failure.TooManyRejectsException;
import io.tilework.sales.failure.UnreadableInput;
import io.tilework.sales.input.CsvLayout;
import io.tilework.sales.input.Splits;
import io.tilework.sales.map.Partial;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the scan on the engine: splits mapped, partials reduced, duplicates found across splits and files, rejects merged")
class SalesScanTest {

    @TempDir
    Path dir;

    private final Engine engine = Engine.builder().build();

    @AfterEach
    void close() {
        engine.close();
    }

    /** 300 rows per file, ids TX0..; every 50th row of the second file repeats an id of the first. */
    private List<Path> inputs() throws Exception {
        var first = new StringBuilder("transaction_id,date,ville,type,modele,prix,duree_location_mois\n");
        for (int i = 0; i < 300; i++) {
            first.append("TX").append(i).append(",2024-0").append(1 + i % 3).append("-10,Lyon,vente,BMW_X3,100,NULL\n");
        }
        first.append("TX7,2024-01-10,Paris,vente,BMW_X3,999,NULL\n"); // a repeat in the same file: line 302
        var second = new StringBuilder("transaction_id,date,ville,type,modele,prix,duree_location_mois\n");
        for (int i = 0; i < 300; i++) {
            String id = i % 50 == 0 ? "TX" + i : "TY" + i;
            second.append(id).append(",2024-02-11,paris,location,Audi_Q5,10,3\n");
        }
        second.append("TY1,bad-date,Paris,vente,BMW_X3,1,NULL\n");
        Path a = Files.writeString(dir.resolve("a.csv"), first);
        Path b = dir.resolve("b.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(b))) {
            out.write(second.toString().getBytes(StandardCharsets.UTF_8));
        }
        return List.of(a, b);
    }

    private SalesScan.Options options(long splitBytes, boolean strict, double maxPercent) {
        return new SalesScan.Options(CsvLayout.defaults(), splitBytes, strict, maxPercent);
    }

    @Test
    @DisplayName("a rejected row holding a lone carriage return is one row of rejects.csv, its CR kept (found by the sales fuzz target)")
    void rejectedRowWithCarriageReturn_staysOneRecord() throws Exception {
        Path csv = Files.writeString(dir.resolve("cr.csv"), "transaction_id,date,ville,type,modele,prix,duree_location_mois\n"
                + "TX1,2024-01-10,Lyon,vente,BMW_X3,100,NULL\n"
                + "TX2,2024-01-\r10,Lyon,vente,BMW_X3,100,NULL\n"
                + "TX3,2024-01-10,Lyon,vente,BMW_X3,100,NULL\n");
        Path rejects = dir.resolve("rejects.csv");
        SalesScan.Result result = SalesScan.run(engine, List.of(csv), options(Splits.DEFAULT_BYTES, false, 50), rejects,
                JobContext.Progress.NONE);
        assertEquals(2, result.totals().accepted);
        String written = Files.readString(rejects);
        assertTrue(written.contains(",3,BAD_DATE,") && written.contains("\"TX2,2024-01-\r10,Lyon,vente,BMW_X3,100,NULL\""), written);
    }

    @Test
    void duplicatesAcrossSplitsAndFiles_areTakenBackAndListedInOrder() throws Exception {
        List<Path> files = inputs();
        Path rejects = dir.resolve("rejects.csv");
        var seen = new ArrayList<Long>();
        SalesScan.Result result = SalesScan.run(engine, files, options(1024, false, 10), rejects,
                (done, total, message) -> seen.add(done));
        Partial totals = result.totals();

        assertEquals(7, result.duplicates(), "TX7 again in a.csv, and TX0, TX50, ..., TX250 in b.csv");
        assertEquals(594, totals.accepted);
        assertEquals(8, totals.rejected);
        assertEquals(List.of(
                        "file,line,reason,description,raw",
                        files.get(0) + ",302,DUPLICATE_ID,duplicate transaction_id,\"TX7,2024-01-10,Paris,vente,BMW_X3,999,NULL\"",
                        files.get(1) + ",2,DUPLICATE_ID,duplicate transaction_id,\"TX0,2024-02-11,paris,location,Audi_Q5,10,3\""),
                Files.readAllLines(rejects).subList(0, 3));
        List<String> lines = Files.readAllLines(rejects);
        assertEquals(9, lines.size());
        assertTrue(lines.get(8).startsWith(files.get(1) + ",302,BAD_DATE,"), lines.get(8));
        assertTrue(lines.get(7).startsWith(files.get(1) + ",252,DUPLICATE_ID,"), lines.get(7));

        int february = (2024 - 1970) * 12 + 1;
        assertEquals(100L * 100 * 100, totals.cities.get("Lyon").saleCents[february], "100 sales of 100 with the first TX7");
        assertEquals(0, totals.cities.get("Paris").saleCents[february - 1], "the repeated TX7 (Paris) is taken back");
        assertEquals(294L * 10 * 100 * 3, totals.cities.get("Paris").rentalBookedCents[february]);
        assertEquals(294, totals.cities.get("Paris").models.get("Audi_Q5").rentalCount);
        assertEquals(294, totals.spellings.get("paris"));
        assertFalse(totals.spellings.containsKey("Paris"), "the only 'Paris' row was a duplicate");
        assertEquals(seen.get(seen.size() - 1), Files.size(files.get(0)) + Files.size(files.get(1)), "progress reaches the total");
        try (var left = Files.list(dir)) {
            assertEquals(List.of("a.csv", "b.csv.gz", "rejects.csv"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the work directory is gone");
        }
    }

    @Test
    void everySplitSize_givesTheSameSums() throws Exception {
        List<Path> files = inputs();
        SalesScan.Result whole = SalesScan.run(engine, files, options(Splits.DEFAULT_BYTES, false, 10), dir.resolve("r1.csv"),
                JobContext.Progress.NONE);
        for (long size : new long[] {1024, 1500, 4096}) {
            SalesScan.Result split = SalesScan.run(engine, files, options(size, false, 10), dir.resolve("r2.csv"),
                    JobContext.Progress.NONE);
            assertEquals(Files.readAllLines(dir.resolve("r1.csv")), Files.readAllLines(dir.resolve("r2.csv")), "split " + size);
            assertEquals(whole.totals().accepted, split.totals().accepted);
            for (String city : whole.totals().cities.keySet()) {
                assertEquals(java.util.Arrays.toString(whole.totals().cities.get(city).rentalRecognisedCents),
                        java.util.Arrays.toString(split.totals().cities.get(city).rentalRecognisedCents));
            }
        }
    }

    @Test
    void strict_stopsAtTheBadRow_withItsLineInTheFile() throws Exception {
        List<Path> files = inputs();
        BadRowException bad = assertThrows(BadRowException.class, () -> SalesScan.run(engine, files.subList(1, 2),
                options(1024, true, 10), dir.resolve("rejects.csv"), JobContext.Progress.NONE));
        assertEquals(302, bad.line());
        assertEquals(RejectReason.BAD_DATE, bad.reason());

        BadRowException duplicate = assertThrows(BadRowException.class, () -> SalesScan.run(engine, files.subList(0, 1),
                options(1024, true, 10), dir.resolve("rejects.csv"), JobContext.Progress.NONE));
        assertEquals(302, duplicate.line());
        assertEquals(RejectReason.DUPLICATE_ID, duplicate.reason());
        assertTrue(duplicate.getMessage().contains("a.csv:302: duplicate transaction_id"), duplicate.getMessage());
    }

    @Test
    @DisplayName("a line over the maximum is one rejected row with its line, offset and length, in every split size and through gzip; "
            + "the lines after it keep their numbers; an unclosed quote is placed where it opened")
    void aLineOverTheMaximum_isRejectedAlike() throws Exception {
        String header = "transaction_id,date,ville,type,modele,prix,duree_location_mois\n";
        var text = new StringBuilder(header);
        for (int i = 0; i < 100; i++) {
            text.append("TX").append(i).append(",2024-01-10,Lyon,vente,").append(i == 40 ? "M".repeat(5000) : "BMW_X3")
                    .append(i == 70 ? ",\"100,NULL\n" : ",100,NULL\n");
        }
        long longAt = text.indexOf("TX40,");
        long quoteAt = text.indexOf("\"100,NULL");
        Path plain = Files.writeString(dir.resolve("p.csv"), text);
        Path gzip = dir.resolve("g.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        var options = new SalesScan.Options(CsvLayout.defaults(), 1024, false, 10, 1024);
        List<String> expected = null;
        for (long split : new long[] {1024, 2048, 4096, 1 << 20}) {
            Path rejects = dir.resolve("r.csv");
            SalesScan.Result result = SalesScan.run(engine, List.of(plain), new SalesScan.Options(CsvLayout.defaults(), split, false, 10, 1024),
                    rejects, JobContext.Progress.NONE);
            assertEquals(98, result.totals().accepted, "split " + split);
            List<String> rows = Files.readAllLines(rejects);
            assertEquals(3, rows.size(), String.join("\n", rows));
            assertTrue(rows.get(1).startsWith(plain + ",42,LINE_TOO_LONG,\"line longer than the maximum line size (--max-line-size): "
                    + ("TX40,2024-01-10,Lyon,vente," + "M".repeat(5000) + ",100,NULL").length() + " bytes from byte " + longAt + ", over the maximum of 1024; raw holds its first 256 bytes\",\"TX40,2024-01-10,Lyon,vente,MMM"),
                    rows.get(1));
            assertTrue(rows.get(1).length() < 500, "an excerpt: " + rows.get(1));
            assertTrue(rows.get(2).startsWith(plain + ",72,UNCLOSED_QUOTE,a quoted field is not closed on its line: the quote opening "
                    + "field 6 is at byte " + quoteAt + ","), rows.get(2));
            assertTrue(expected == null || expected.equals(rows), "split " + split);
            expected = rows;
        }
        SalesScan.Result gz = SalesScan.run(engine, List.of(gzip), options, dir.resolve("rg.csv"), JobContext.Progress.NONE);
        assertEquals(98, gz.totals().accepted);
        assertEquals(expected.stream().map(row -> row.replace(plain.toString(), gzip.toString())
                        .replace("bytes from byte " + longAt, "bytes from byte " + longAt + " of the decompressed data")
                        .replace("at byte " + quoteAt, "at byte " + quoteAt + " of the decompressed data")).toList(),
                Files.readAllLines(dir.resolve("rg.csv")));
    }

    @Test
    void aTolerance_failsTheRunAboveIt_butKeepsTheRejects() throws Exception {
        List<Path> files = inputs();
        Path rejects = dir.resolve("rejects.csv");
        var error = assertThrows(TooManyRejectsException.class,
                () -> SalesScan.run(engine, files, options(1024, false, 1), rejects, JobContext.Progress.NONE));
        assertTrue(error.getMessage().startsWith("2 files (" + files.get(0) + ", ...): 8 of 602 rows (1.33%) were rejected, "
                        + "more than the 1% tolerated (7 duplicate"),
                error.getMessage());
        assertEquals(9, Files.readAllLines(rejects).size());
    }

    @Test
    void aFileWithoutTheColumns_isNamedWithWhatIsMissing() throws Exception {
        Path file = Files.writeString(dir.resolve("x.csv"), "id;date\nTX1;2024-01-01\n");
        var error = assertThrows(SalesInputInvalid.class,
                () -> SalesScan.run(engine, List.of(file), SalesScan.Options.defaults(), dir.resolve("r.csv"), JobContext.Progress.NONE));
        assertTrue(error.getMessage().contains("x.csv: the header [id;date] has no column transaction_id"), error.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        var none = assertThrows(UnreadableInput.class,
                () -> SalesScan.run(engine, List.of(empty), SalesScan.Options.defaults(), dir.resolve("r.csv"), JobContext.Progress.NONE));
        assertTrue(none.getMessage().contains("empty.csv: no header line"), none.getMessage());
    }
}
