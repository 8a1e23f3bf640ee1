package io.tilework.app.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tilework.app.CommandRun;
import io.tilework.sales.generate.SalesGenerator;
import io.tilework.testkit.fuzz.Boundaries;
import io.tilework.testkit.fuzz.FuzzCampaign;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code tilework sales report} on damaged CSV files: the fuzz target of the sales reader (plain text). */
@DisplayName("fuzz: sales report on damaged CSV")
class SalesCsvFuzzTest {

    private static Path folder;
    private static Path out;
    private static byte[] seed;

    @BeforeAll
    static void goodReportFirst() throws IOException {
        folder = Files.createTempDirectory("tilework-fuzz-sales");
        out = folder.resolve("report");
        Path good = folder.resolve("good.csv");
        SalesGenerator.write(good, SalesGenerator.Options.of(200, 1), (line, reason) -> { });
        seed = Files.readAllBytes(good);
        // earlier outputs: a failed run must leave this report as it is
        CommandRun first = CommandRun.run("sales", "report", good.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, first.exit(), first.err());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        io.tilework.engine.io.Leftovers.deleteTree(folder);
    }

    @Test
    @DisplayName("a fixed-seed campaign: every run exits 0 or 1 with one line naming the file, nothing half-written")
    void campaign() {
        FuzzSettings.run(new FuzzCampaign("sales-csv", List.of(seed), Boundaries.lines(), SalesCsvFuzzTest::check));
    }

    @FuzzTest
    void jazzer(byte[] input) throws IOException {
        check(input);
    }

    static void check(byte[] input) throws IOException {
        Path csv = folder.resolve("transactions.csv");
        Files.write(csv, input);
        CommandInvariant.holds(csv, out, Set.of("rejects.csv"), "sales", "report", csv.toString(), "--out", out.toString(), "--quiet");
    }
}
