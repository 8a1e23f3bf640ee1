package io.tilework.app.fuzz;


import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tilework.testkit.TestData;
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

/**
 * {@code tilework charts catalog} on a folder holding one damaged S-57 cell: the fuzz target of the
 * cell reader (ISO 8211 structure, DSSI counts, GDAL's S57 driver behind them). Seeds: two small
 * real cells of the ECDIS Chart 1 set; truncations at their ISO 8211 record boundaries.
 */
@DisplayName("fuzz: charts catalog on a damaged S-57 cell")
class S57CatalogFuzzTest {

    /** The name every input is written under: the error line must name it. */
    private static final String CELL = "AA5C1MNS.000";

    private static Path folder;
    private static Path enc;
    private static List<byte[]> seeds;

    @BeforeAll
    static void seeds() throws IOException {
        folder = Files.createTempDirectory("tilework-fuzz-s57-catalog");
        enc = Files.createDirectories(folder.resolve("enc"));
        seeds = List.of(Files.readAllBytes(TestData.s57("ECDIS_Chart_1/AA5C1MNS.000")),
                Files.readAllBytes(TestData.s57("ECDIS_Chart_1/AA5C1AB1.000")));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        io.tilework.engine.io.Leftovers.deleteTree(folder);
    }

    @Test
    @DisplayName("a fixed-seed campaign: every run exits 0 or 1 with one line naming the cell")
    void campaign() {
        FuzzSettings.run(new FuzzCampaign("s57-catalog", seeds, Boundaries.iso8211(), S57CatalogFuzzTest::check));
    }

    @FuzzTest
    void jazzer(byte[] input) throws IOException {
        check(input);
    }

    static void check(byte[] input) throws IOException {
        Path cell = enc.resolve(CELL);
        Files.write(cell, input);
        CommandInvariant.holds(cell, folder.resolve("no-output"), Set.of(), "charts", "catalog", enc.toString());
    }
}
