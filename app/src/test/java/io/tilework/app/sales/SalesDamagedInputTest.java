package io.tilework.app.sales;

import static io.tilework.app.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.ChildTilework;
import io.tilework.app.CommandRun;
import io.tilework.sales.generate.SalesGenerator;
import io.tilework.testkit.TestData;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27, cases 2 to 4: a line of hundreds of megabytes, a truncated gzip, a binary file given as
 * CSV. Each gets one short line naming the file and the place (or a rejected row), never the heap,
 * never a report made of partial data.
 */
@DisplayName("sales report on damaged input: one short line naming file and place, memory bounded, no report from partial data")
class SalesDamagedInputTest {

    private static final String HEADER = "transaction_id,date,ville,type,modele,prix,duree_location_mois\n";

    @TempDir
    Path dir;

    /** {@code rows} good rows, ids {@code prefix0...}. */
    private static String goodRows(String prefix, int rows) {
        var text = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            text.append(prefix).append(i).append(",2024-0").append(1 + i % 9).append("-12,Lyon,vente,BMW_X3,45000,NULL\n");
        }
        return text.toString();
    }

    @Test
    @DisplayName("a second line of 300 MB is a rejected row LINE_TOO_LONG with line, byte offset and length; the run stays in the launcher's heap")
    void aLineOfHundredsOfMegabytes_isARejectedRow() throws Exception {
        Path csv = dir.resolve("long.csv");
        String start = "T1,2024-01-05,Lyon,vente,";
        long modelBytes = 300L << 20;
        String end = ",45000,NULL\n";
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16)) { // streamed: never in memory
            out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
            out.write(start.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'M');
            for (long written = 0; written < modelBytes; written += chunk.length) {
                out.write(chunk);
            }
            out.write(end.getBytes(StandardCharsets.US_ASCII));
            out.write(goodRows("G", 40).getBytes(StandardCharsets.US_ASCII));
        }
        long lineBytes = start.length() + modelBytes + end.length() - 1;
        Path report = dir.resolve("report");

        // a JVM of its own with a heap below the launcher's (-Xmx768m): the line must never be held
        ChildTilework.Result result = ChildTilework.run(dir.resolve("logs"), "long", "sales", "report", csv.toString(),
                "--out", report.toString(), "--quiet");

        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().startsWith("41 rows read from 1 file(s): 40 accepted, 1 rejected (1 line too long)"), result.out());
        List<String> rejects = Files.readAllLines(report.resolve("rejects.csv"));
        assertEquals(2, rejects.size(), String.join("\n", rejects));
        String row = rejects.get(1);
        assertTrue(row.startsWith(csv + ",2,LINE_TOO_LONG,"), row);
        assertTrue(row.contains(lineBytes + " bytes"), "its length is said: " + row);
        assertTrue(row.contains("byte " + HEADER.length()), "where it starts: " + row);
        assertTrue(row.contains("T1,2024-01-05,Lyon,vente,MMMM"), "its first bytes: " + row);
        assertTrue(Files.size(report.resolve("rejects.csv")) < 2048, "a short excerpt, not the line: " + Files.size(report.resolve("rejects.csv")));
        Files.delete(csv);
    }

    @Test
    @DisplayName("a line over the maximum fails a strict run in one short line; --max-line-size raises the maximum")
    void aLongLine_strictAndRaised() throws Exception {
        String model = "M".repeat(3_000_000); // over the 2 MB default
        Path csv = Files.writeString(dir.resolve("wide.csv"), HEADER + goodRows("A", 3) + "W1,2024-01-05,Lyon,vente," + model
                + ",45000,NULL\n" + goodRows("B", 3));

        CommandRun strict = run("sales", "report", csv.toString(), "--out", dir.resolve("strict").toString(), "--quiet", "--strict");
        assertEquals(1, strict.exit(), strict.err());
        assertShortLine(strict.err(), csv);
        assertTrue(strict.err().contains(csv + ":5: "), strict.err());
        assertTrue(strict.err().contains("--max-line-size"), "says how to raise it: " + strict.err());

        CommandRun raised = run("sales", "report", csv.toString(), "--out", dir.resolve("raised").toString(), "--quiet",
                "--max-line-size", "4000000");
        assertEquals(0, raised.exit(), raised.err());
        assertTrue(raised.out().startsWith("7 rows read from 1 file(s): 7 accepted, 0 rejected"), raised.out());

        CommandRun tooSmall = run("sales", "report", csv.toString(), "--out", dir.resolve("small").toString(), "--max-line-size", "10");
        assertEquals(2, tooSmall.exit(), "a wrong option value is a wrong command line: " + tooSmall.err());
        assertTrue(tooSmall.err().contains("--max-line-size"), tooSmall.err());
    }

    @Test
    @DisplayName("a quote that never closes is reported at the line and byte where it opened")
    void anUnclosedQuote_isReportedWhereItOpened() throws Exception {
        String bad = "Q1,2024-01-05,\"Lyon,vente,BMW_X3,45000,NULL\n";
        String before = HEADER + goodRows("A", 2);
        Path csv = Files.writeString(dir.resolve("quote.csv"), before + bad + goodRows("B", 60));
        Path report = dir.resolve("report");

        CommandRun result = run("sales", "report", csv.toString(), "--out", report.toString(), "--quiet");

        assertEquals(0, result.exit(), result.err());
        List<String> rejects = Files.readAllLines(report.resolve("rejects.csv"));
        assertEquals(2, rejects.size(), String.join("\n", rejects));
        int quoteAt = before.length() + bad.indexOf('"');
        assertTrue(rejects.get(1).startsWith(csv + ",4,UNCLOSED_QUOTE,"), rejects.get(1));
        assertTrue(rejects.get(1).contains("byte " + quoteAt), "the quote's byte offset, " + quoteAt + ": " + rejects.get(1));
    }

    @Test
    @DisplayName("a truncated gzip: its name, the compressed byte where it ends, 'truncated'; exit 1 and the earlier report untouched")
    void aTruncatedGzip_isNamedAndWritesNoReport() throws Exception {
        Path good = dir.resolve("good.csv.gz");
        SalesGenerator.write(good, SalesGenerator.Options.of(2_000, 5), (line, reason) -> { });
        Path report = dir.resolve("report");
        CommandRun earlier = run("sales", "report", good.toString(), "--out", report.toString(), "--quiet");
        assertEquals(0, earlier.exit(), earlier.err());
        byte[] earlierJson = Files.readAllBytes(report.resolve("report.json"));
        byte[] earlierRejects = Files.readAllBytes(report.resolve("rejects.csv"));

        Path cut = dir.resolve("cut.csv.gz");
        SalesGenerator.write(cut, SalesGenerator.Options.of(50_000, 6), (line, reason) -> { });
        for (long size : new long[] {Files.size(cut) / 2, 6}) { // in the data; in the gzip header
            try (FileChannel channel = FileChannel.open(cut, StandardOpenOption.WRITE)) {
                channel.truncate(size);
            }
            CommandRun truncated = run("sales", "report", cut.toString(), "--out", report.toString(), "--quiet");

            assertEquals(1, truncated.exit(), truncated.err());
            assertShortLine(truncated.err(), cut);
            assertTrue(truncated.err().contains("truncated"), truncated.err());
            assertTrue(truncated.err().contains("byte " + size), "the compressed byte where it ends, " + size + ": " + truncated.err());
            assertArrayEquals(earlierJson, Files.readAllBytes(report.resolve("report.json")), "no report from partial data");
            assertArrayEquals(earlierRejects, Files.readAllBytes(report.resolve("rejects.csv")));
        }
    }

    @Test
    @DisplayName("binary files given as CSV are named for what they look like, in one short escaped line")
    void binaryFiles_areNamedForWhatTheyAre() throws Exception {
        byte[] csv = (HEADER + goodRows("A", 5)).getBytes(StandardCharsets.UTF_8);
        var gzip = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gzip)) {
            out.write(csv);
        }
        var zip = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("transactions.csv"));
            out.write(csv);
        }
        byte[] parquet = new byte[600];
        System.arraycopy("PAR1".getBytes(StandardCharsets.US_ASCII), 0, parquet, 0, 4);
        for (int i = 4; i < parquet.length; i++) {
            parquet[i] = (byte) (i * 31);
        }
        byte[] sqlite = Arrays.copyOf("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 4096);
        byte[] nul = (HEADER + "T1,2024-01-05,Ly\0on,vente,BMW_X3,45000,NULL\n").getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = (HEADER + "T1,2024-01-05,Orléans,vente,BMW_X3,45000,NULL\n").getBytes(StandardCharsets.ISO_8859_1);

        record Case(String name, byte[] bytes, String says) {
        }
        for (Case c : List.of(
                new Case("elev.csv", Files.readAllBytes(TestData.raster("elev.tif")), "TIFF"),
                new Case("packed.csv", gzip.toByteArray(), "gzip"),
                new Case("export.csv", zip.toByteArray(), "zip"),
                new Case("table.csv", parquet, "Parquet"),
                new Case("db.csv", sqlite, "SQLite"),
                new Case("doc.csv", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1), "PDF"),
                new Case("nul.csv", nul, "NUL"),
                new Case("latin1.csv", latin1, "UTF-8"))) {
            Path file = Files.write(dir.resolve(c.name()), c.bytes());
            CommandRun result = run("sales", "report", file.toString(), "--out", dir.resolve("out").toString(), "--quiet");
            assertEquals(1, result.exit(), c.name() + ": " + result.err());
            assertShortLine(result.err(), file);
            assertTrue(result.err().contains(c.says()), c.name() + " should be said to be " + c.says() + ": " + result.err());
            assertFalse(Files.exists(dir.resolve("out/report.json")), c.name());
        }
    }

    @Test
    @DisplayName("a header without the columns is shown as a short excerpt, however long it is")
    void aLongWrongHeader_isShownShort() throws Exception {
        Path csv = Files.writeString(dir.resolve("wide-header.csv"), "x".repeat(5_000) + ",\u0007bell," + "y".repeat(5_000) + "\n1,2,3\n");
        CommandRun result = run("sales", "report", csv.toString(), "--out", dir.resolve("out").toString(), "--quiet");
        assertEquals(1, result.exit(), result.err());
        assertShortLine(result.err(), csv);
        assertTrue(result.err().contains("transaction_id"), "says which column is missing: " + result.err());
    }

    /** One line, under 400 characters, printable (no control character, no replacement character), naming {@code file}. */
    private static void assertShortLine(String err, Path file) {
        assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, "one line: " + err);
        assertTrue(err.length() < 400, "short (" + err.length() + " characters): " + err);
        assertTrue(err.startsWith("tilework: "), err);
        assertTrue(err.contains(file.toString()), "names " + file + ": " + err);
        for (int i = 0; i < err.length() - 1; i++) {
            char c = err.charAt(i);
            assertTrue(c >= 0x20 && c != 0x7f && c != '\uFFFD' && !Character.isISOControl(c), "printable, not U+"
                    + Integer.toHexString(c) + " at " + i + ": " + err);
        }
    }
}
