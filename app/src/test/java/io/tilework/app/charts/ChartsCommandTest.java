package io.tilework.app.charts;

import io.tilework.app.CommandRun;

import io.tilework.testkit.TestData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.tilework.app.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("tilework charts catalog and produce: the listing, the product, the summary and clear errors")
class ChartsCommandTest {

    @TempDir
    Path dir;


    @Test
    void catalog_listsEveryCell() {
        CommandRun catalog = run("charts", "catalog", TestData.s57("").toString());
        assertEquals(0, catalog.exit(), catalog.err());
        String tacoma = catalog.out().lines().filter(l -> l.startsWith("US5WA22M")).findFirst().orElseThrow();
        assertEquals(java.util.List.of("US5WA22M", "5", "harbour", "40", "4", "20200626", "1:15000", "5163"),
                java.util.List.of(tacoma.split("\\s+")).subList(0, 8), tacoma);
        assertTrue(catalog.out().contains("16 cell(s)"), catalog.out());
    }

    @Test
    void produce_writesTheProductAndItsSummary() throws Exception {
        Path enc = Files.createDirectories(dir.resolve("enc"));
        Files.copy(TestData.s57("ECDIS_Chart_1/AA5C1AB1.000"), enc.resolve("AA5C1AB1.000"));
        Files.write(enc.resolve("AA5C1AB2.000"), new byte[]{1, 2, 3});
        Path out = dir.resolve("product");
        CommandRun produce = run("charts", "produce", enc.toString(), "--out", out.toString(), "--jobs", "1");
        assertEquals(1, produce.exit(), "one chart failed: " + produce.out() + produce.err());
        assertTrue(produce.out().startsWith("2 cell(s): 1 produced, 1 failed"), produce.out());
        assertTrue(produce.out().contains("failed:\n  AA5C1AB2 (reproject): "), produce.out());
        assertTrue(produce.err().contains("reproject 1/2"), "progress per stage: " + produce.err());
        for (String file : new String[]{"chart.mbtiles", "chart.gpkg", "summary.json"}) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
    }

    @Test
    @DisplayName("catalog of a cell cut to half its bytes: exit 1, one line naming the cell and what was read of it, no 0,0,-1,-1 coverage")
    void catalog_halfCell() throws Exception {
        Path enc = halfOfTheBostonCell();
        CommandRun catalog = run("charts", "catalog", enc.toString());
        assertEquals(1, catalog.exit(), catalog.out() + catalog.err());
        assertOneLine(catalog.err(), "US5MA12M.000 is truncated or damaged: read ");
        assertFalse(catalog.out().contains("-1.00000") || catalog.out().lines().anyMatch(l -> l.startsWith("US5MA12M ")),
                "no catalogue entry of 0 objects: " + catalog.out());
    }

    @Test
    @DisplayName("produce from a cell cut to half its bytes alone: exit 1, one line naming the cell; no product of 0 tiles at zoom 2147483647")
    void produce_halfCell() throws Exception {
        Path enc = halfOfTheBostonCell();
        Path out = dir.resolve("product");
        CommandRun produce = run("charts", "produce", enc.toString(), "--out", out.toString(), "--quiet");
        assertEquals(1, produce.exit(), produce.out() + produce.err());
        assertOneLine(produce.err(), "US5MA12M.000 is truncated or damaged: read ");
        assertTrue(produce.err().startsWith("tilework: nothing produced"), produce.err());
        assertFalse(produce.out().contains("2147483647") || produce.out().contains("0 tiles"), "no empty product: " + produce.out());
        assertFalse(Files.exists(out.resolve("chart.mbtiles")) || Files.exists(out.resolve("summary.json")), "nothing written");
    }

    @Test
    @DisplayName("produce with one good and one damaged cell: the product of the good one, exit 1 and one line naming the damaged one")
    void produce_oneCellFails_oneLine() throws Exception {
        Path enc = Files.createDirectories(dir.resolve("enc"));
        Files.copy(TestData.s57("ECDIS_Chart_1/AA5C1AB1.000"), enc.resolve("AA5C1AB1.000"));
        Files.write(enc.resolve("AA5C1AB2.000"), new byte[]{1, 2, 3});
        Path out = dir.resolve("product");
        CommandRun produce = run("charts", "produce", enc.toString(), "--out", out.toString(), "--quiet");
        assertEquals(1, produce.exit(), produce.out() + produce.err());
        assertOneLine(produce.err(), "AA5C1AB2.000");
        assertTrue(Files.size(out.resolve("chart.mbtiles")) > 0);
    }

    private Path halfOfTheBostonCell() throws Exception {
        Path enc = Files.createDirectories(dir.resolve("enc"));
        byte[] bytes = Files.readAllBytes(TestData.s57("US5MA12M/US5MA12M.000"));
        Files.write(enc.resolve("US5MA12M.000"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        return enc;
    }

    /** The error output is one line, "tilework: ...", holding {@code expected}. */
    private static void assertOneLine(String err, String expected) {
        var lines = err.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line of error: " + err);
        assertTrue(lines.getFirst().startsWith("tilework: ") && lines.getFirst().contains(expected), lines.getFirst());
    }

    @Test
    void badZooms_isAnUsageError() {
        CommandRun produce = run("charts", "produce", TestData.s57("").toString(), "--out", dir.resolve("p").toString(), "--zooms", "15-12");
        assertEquals(2, produce.exit());
        assertTrue(produce.err().contains("--zooms: zoom range 15-12 is not within 0-22 with min <= max"), produce.err());
    }
}
