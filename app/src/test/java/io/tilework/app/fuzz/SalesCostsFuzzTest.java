package io.tilework.app.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tilework.app.CommandRun;
import io.tilework.engine.io.Leftovers;
import io.tilework.sales.generate.SalesGenerator;
import io.tilework.testkit.fuzz.Boundaries;
import io.tilework.testkit.fuzz.FuzzCampaign;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code tilework sales report --costs FILE} on damaged costs files: the fuzz target of the costs reader. */
@DisplayName("fuzz: sales report with a damaged --costs file")
class SalesCostsFuzzTest {

    /** Model, purchase cost, monthly rental cost: the generator's models, with decimals, quotes and a blank line. */
    private static final String COSTS = """
            model,purchase_cost,monthly_cost
            BMW_Serie_3,38000.50,420
            BMW_Serie_5,49000,610.25
            BMW_X3,"44000",500

            BMW_X5,69000,830
            """;

    private static Path folder;
    private static Path sales;
    private static Path out;

    @BeforeAll
    static void goodReportFirst() throws IOException {
        folder = Files.createTempDirectory("tilework-fuzz-costs");
        out = folder.resolve("report");
        sales = folder.resolve("transactions.csv");
        SalesGenerator.write(sales, SalesGenerator.Options.of(100, 1), (line, reason) -> { });
        Path good = Files.writeString(folder.resolve("good-costs.csv"), COSTS);
        CommandRun first = CommandRun.run("sales", "report", sales.toString(), "--costs", good.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, first.exit(), first.err());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Leftovers.deleteTree(folder);
    }

    @Test
    @DisplayName("a fixed-seed campaign: every run exits 0 or 1 with one line naming the costs file, nothing half-written")
    void campaign() {
        FuzzSettings.run(new FuzzCampaign("sales-costs", List.of(COSTS.getBytes(StandardCharsets.UTF_8)), Boundaries.lines(),
                SalesCostsFuzzTest::check));
    }

    @FuzzTest
    void jazzer(byte[] input) throws IOException {
        check(input);
    }

    static void check(byte[] input) throws IOException {
        Path costs = folder.resolve("costs.csv");
        Files.write(costs, input);
        // the costs are read before the scan: a failed run leaves every file of the report as it was, rejects.csv too
        CommandInvariant.holds(costs, out, Set.of(), "sales", "report", sales.toString(), "--costs", costs.toString(),
                "--out", out.toString(), "--quiet");
    }
}
