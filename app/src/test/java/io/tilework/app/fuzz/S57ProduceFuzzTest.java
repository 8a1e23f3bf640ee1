package io.tilework.app.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tilework.app.CommandRun;
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
 * {@code tilework charts produce} of one damaged S-57 cell into a folder that holds the product of
 * the intact cell: the fuzz target of the production chain (reading, reprojection, clipping,
 * triangulation, merge, assembly). A failed run must leave that product as it was. Seed: the
 * smallest shared cell, AA5C1MNS (8 KB), at one zoom level to keep each run short.
 */
@DisplayName("fuzz: charts produce of a damaged S-57 cell")
class S57ProduceFuzzTest {

    private static final String CELL = "AA5C1MNS.000";
    /** One level of the three of the cell's scale (1:14,000: zooms 13 to 15), so each input is one small production. */
    private static final String ZOOMS = "14-14";

    private static Path folder;
    private static Path enc;
    private static Path out;
    private static byte[] seed;

    @BeforeAll
    static void goodProductFirst() throws IOException {
        folder = Files.createTempDirectory("tilework-fuzz-s57-produce");
        enc = Files.createDirectories(folder.resolve("enc"));
        out = folder.resolve("product");
        seed = Files.readAllBytes(TestData.s57("ECDIS_Chart_1/" + CELL));
        Files.write(enc.resolve(CELL), seed);
        // earlier outputs: a failed run must leave this product as it is
        CommandRun first = CommandRun.run(arguments());
        assertEquals(0, first.exit(), first.out() + first.err());
    }

    @AfterAll
    static void cleanUp() throws IOException {
        io.tilework.engine.io.Leftovers.deleteTree(folder);
    }

    @Test
    @DisplayName("a fixed-seed campaign: every run exits 0 or 1 with one line naming the cell, the earlier product intact")
    void campaign() {
        FuzzSettings.run(new FuzzCampaign("s57-produce", List.of(seed), Boundaries.iso8211(), S57ProduceFuzzTest::check));
    }

    @FuzzTest
    void jazzer(byte[] input) throws IOException {
        check(input);
    }

    static void check(byte[] input) throws IOException {
        Path cell = enc.resolve(CELL);
        Files.write(cell, input);
        CommandInvariant.holds(cell, out, Set.of(), arguments());
    }

    private static String[] arguments() {
        return new String[] {"charts", "produce", enc.toString(), "--out", out.toString(), "--zooms", ZOOMS, "--jobs", "1", "--quiet"};
    }
}
