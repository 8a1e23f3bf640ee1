package io.tilework.charts.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.charts.ChartCells;
import io.tilework.testkit.GdalTools;
import io.tilework.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Finding and describing ENC cells")
class EncDirectoryTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("the shared folder: 16 cells, US5WA22M with its four updates in order, CATALOG.031 read with nothing missing")
    void sharedFolder() throws IOException {
        EncDirectory.Listing listing = EncDirectory.scan(ChartCells.root());
        CellFiles tacoma = ChartCells.cell("US5WA22M");
        assertAll(
                () -> assertEquals(16, listing.cells().size()),
                () -> assertEquals(List.of(), listing.problems()),
                () -> assertEquals(1, listing.catalogues().size()),
                () -> assertEquals(List.of("US5WA22M.001", "US5WA22M.002", "US5WA22M.003", "US5WA22M.004"),
                        tacoma.updates().stream().map(p -> p.getFileName().toString()).toList()),
                () -> assertEquals(UsageBand.HARBOUR, tacoma.band()),
                () -> assertEquals(UsageBand.APPROACH, ChartCells.cell("AA4C1XMS").band()));
    }

    @Test
    @DisplayName("a cell CATALOG.031 lists but that is not on disk is reported by name")
    void catalogueListsAMissingCell() throws IOException {
        Path exchangeSet = Files.createDirectories(temp.resolve("ENC_ROOT"));
        Path source = TestData.s57("ECDIS_Chart_1");
        try (var files = Files.list(source)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals("AA5C1MNS.000")) {
                    Files.copy(file, exchangeSet.resolve(file.getFileName()));
                }
            }
        }
        EncDirectory.Listing listing = EncDirectory.scan(exchangeSet);
        assertEquals(13, listing.cells().size());
        assertEquals(1, listing.problems().size(), listing.problems()::toString);
        CellProblem problem = listing.problems().getFirst();
        assertEquals("AA5C1MNS", problem.cell());
        assertTrue(problem.message().contains("lists AA5C1MNS.000, which is not on disk"), problem.message());
    }

    @Test
    @DisplayName("a gap in the updates (.002 missing) is reported and the cell left out")
    void missingUpdate() throws IOException {
        Path folder = ChartCells.copy(temp.resolve("enc"), "US5WA22M");
        Files.delete(folder.resolve("US5WA22M/US5WA22M.002"));
        EncDirectory.Listing listing = EncDirectory.scan(folder);
        assertEquals(List.of(), listing.cells());
        String message = listing.problems().getFirst().message();
        assertTrue(message.contains("update US5WA22M.002 is missing"), message);
        assertTrue(message.contains("US5WA22M.003, US5WA22M.004"), message);
    }

    @Test
    @DisplayName("an update that does not apply (.003 is a copy of .002) fails the cell naming its updates and GDAL's message")
    void updateThatDoesNotApply() throws IOException {
        Path folder = ChartCells.copy(temp.resolve("enc"), "US5WA22M");
        Files.copy(folder.resolve("US5WA22M/US5WA22M.002"), folder.resolve("US5WA22M/US5WA22M.003"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CellFiles cell = EncDirectory.scan(folder).cells().getFirst();
        var failure = assertThrows(io.tilework.charts.failure.CellUnreadable.class, () -> CellInfo.read(cell));
        assertTrue(failure.getMessage().contains("its updates [US5WA22M.001, US5WA22M.002, US5WA22M.003, US5WA22M.004] do not apply"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("GDAL says"), failure.getMessage());
    }

    @Test
    @DisplayName("US5WA22M's catalogue entry: edition 40, update 4 of 20200626, 1:15000, coverage as ogrinfo's extent of M_COVR with CATCOV=1")
    void cellInfo_matchesOracle() throws IOException {
        JsonNode oracle = new ObjectMapper().readTree(TestData.oracle("s57/US5WA22M.json").toFile()).get("options").get("default");
        CellInfo info = CellInfo.read(ChartCells.cell("US5WA22M"));
        double[] envelope = dataCoverageByOgrinfo(ChartCells.cell("US5WA22M").baseFile());
        JsonNode allCovers = oracle.get("M_COVR_envelope_lon_lat");
        JsonNode splitCounts = new ObjectMapper().readTree(TestData.oracle("s57/US5WA22M.json").toFile()).get("options").get("split_soundg");
        assertAll(
                () -> assertEquals(oracle.get("DSID").get("DSID_EDTN").asInt(), info.edition()),
                () -> assertEquals(4, info.updateNumber()),
                () -> assertEquals("20200626", info.issueDate()),
                () -> assertEquals(15000, info.compilationScale()),
                () -> assertEquals(splitCounts.get("feature_total").asLong() - 1, info.features(), "objects: the oracle's total less DSID"),
                () -> assertEquals(envelope[0], info.coverage().getMinX(), 1e-6),
                () -> assertEquals(envelope[1], info.coverage().getMinY(), 1e-6),
                () -> assertEquals(envelope[2], info.coverage().getMaxX(), 1e-6),
                () -> assertEquals(envelope[3], info.coverage().getMaxY(), 1e-6),
                () -> assertTrue(info.coverage().getMinX() >= allCovers.get(0).asDouble()
                        && info.coverage().getMaxY() <= allCovers.get(3).asDouble(), "inside the envelope of all M_COVR"));
    }

    /** The envelope of the M_COVR polygons with CATCOV=1 that ogrinfo prints. */
    private static double[] dataCoverageByOgrinfo(Path cell) {
        String output = GdalTools.run("ogrinfo", "-ro", "-where", "CATCOV = 1", cell.toString(), "M_COVR");
        var envelope = new org.locationtech.jts.geom.Envelope();
        var reader = new org.locationtech.jts.io.WKTReader();
        output.lines().map(String::strip).filter(l -> l.startsWith("POLYGON") || l.startsWith("MULTIPOLYGON")).forEach(wkt -> {
            try {
                envelope.expandToInclude(reader.read(wkt).getEnvelopeInternal());
            } catch (org.locationtech.jts.io.ParseException e) {
                throw new AssertionError("ogrinfo printed a geometry that is not WKT: " + wkt, e);
            }
        });
        assertTrue(!envelope.isNull(), () -> "ogrinfo printed no M_COVR polygon:\n" + output);
        return new double[]{envelope.getMinX(), envelope.getMinY(), envelope.getMaxX(), envelope.getMaxY()};
    }

    @Test
    void usageBand_fromTheThirdCharacter() {
        assertEquals(UsageBand.OVERVIEW, UsageBand.ofCellName("GB100001"));
        assertEquals(UsageBand.BERTHING, UsageBand.ofCellName("FR601234"));
        var failure = assertThrows(io.tilework.charts.failure.CellUnreadable.class, () -> UsageBand.ofCellName("GB9ABCDE"));
        assertTrue(failure.getMessage().contains("third character must be 1 to 6"));
    }
}
