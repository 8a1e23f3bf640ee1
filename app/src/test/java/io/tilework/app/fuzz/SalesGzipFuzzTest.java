package io.tilework.app.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tilework.app.CommandRun;
import io.tilework.sales.generate.SalesGenerator;
import io.tilework.testkit.fuzz.Boundaries;
import io.tilework.testkit.fuzz.FuzzCampaign;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code tilework sales report} on damaged {@code .csv.gz} files: the fuzz target of the sales
 * reader through gzip. Two kinds of damage: the compressed bytes mutated (truncated, flipped,
 * spliced: what a broken copy or download gives), and mutated CSV compressed whole (what a
 * faulty export gives), which reaches the CSV reader through the decompressor.
 */
@DisplayName("fuzz: sales report on damaged gzip CSV")
class SalesGzipFuzzTest {

    private static Path folder;
    private static Path out;
    private static byte[] csv;
    private static byte[] compressed;

    @BeforeAll
    static void goodReportFirst() throws IOException {
        folder = Files.createTempDirectory("tilework-fuzz-sales-gzip");
        out = folder.resolve("report");
        Path good = folder.resolve("good.csv");
        SalesGenerator.write(good, SalesGenerator.Options.of(200, 2), (line, reason) -> { });
        csv = Files.readAllBytes(good);
        compressed = gzip(csv);
        Path goodGzip = Files.write(folder.resolve("good.csv.gz"), compressed);
        // earlier outputs: a failed run must leave this report as it is
        CommandRun first = CommandRun.run("sales", "report", goodGzip.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, first.exit(), first.err());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        io.tilework.engine.io.Leftovers.deleteTree(folder);
    }

    @Test
    @DisplayName("fixed-seed campaigns, compressed bytes mutated and mutated CSV compressed: exit 0 or 1 with one line naming the file")
    void campaign() {
        var half = FuzzSettings.budget().dividedBy(2);
        FuzzCampaign.Outcome bytes = new FuzzCampaign("sales-gzip-bytes", List.of(compressed), Boundaries.every(97),
                SalesGzipFuzzTest::checkCompressed).run(FuzzSettings.seed(), half, Long.MAX_VALUE);
        // the CSV's own truncations at each line are SalesCsvFuzzTest's: random damage only here, within the time given
        FuzzCampaign.Outcome text = new FuzzCampaign("sales-gzip-csv", List.of(csv), Boundaries.every(Integer.MAX_VALUE),
                SalesGzipFuzzTest::checkText).run(FuzzSettings.seed(), half, Long.MAX_VALUE);
        System.out.println(bytes);
        System.out.println(text);
        assertTrue(bytes.executions() > 0 && text.executions() > 0, bytes + ", " + text);
    }

    /** Each input twice: as the bytes of the {@code .gz} file, and as the CSV inside it. */
    @FuzzTest
    void jazzer(byte[] input) throws IOException {
        checkCompressed(input);
        checkText(input);
    }

    static void checkCompressed(byte[] input) throws IOException {
        Path file = folder.resolve("transactions.csv.gz");
        Files.write(file, input);
        CommandInvariant.holds(file, out, Set.of("rejects.csv"), "sales", "report", file.toString(), "--out", out.toString(), "--quiet");
    }

    static void checkText(byte[] input) throws IOException {
        checkCompressed(gzip(input));
    }

    private static byte[] gzip(byte[] content) {
        var bytes = new ByteArrayOutputStream();
        try (OutputStream zip = new GZIPOutputStream(bytes)) {
            zip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
