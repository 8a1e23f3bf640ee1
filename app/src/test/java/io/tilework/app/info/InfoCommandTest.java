package io.tilework.app.info;

import io.tilework.app.CommandRun;

import static io.tilework.app.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.testkit.GdalTools;
import io.tilework.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("tilework info")
class InfoCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();


    @Test
    @DisplayName("raster --json: size, CRS, geotransform and bands as gdalinfo reports them")
    void rasterJson_matchesGdalinfo() throws IOException {
        Path file = TestData.raster("L7_ETMs.tif");
        CommandRun run = run("info", "--json", file.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode actual = JSON.readTree(run.out());
        JsonNode expected = GdalTools.gdalinfo(file.toString());
        assertAll(
                () -> assertEquals("raster", actual.get("kind").asText()),
                () -> assertEquals(expected.get("size"), JSON.valueToTree(new int[] {actual.get("width").asInt(), actual.get("height").asInt()})),
                () -> assertEquals(expected.get("stac").get("proj:epsg").asInt(), actual.get("epsg").asInt()),
                () -> assertEquals(expected.get("geoTransform").get(1).asDouble(), actual.get("geoTransform").get(1).asDouble()),
                () -> assertEquals(expected.get("bands").size(), actual.get("bands").size()),
                () -> assertEquals(expected.get("bands").get(0).get("type").asText(), actual.get("bands").get(0).get("type").asText()),
                () -> assertEquals(expected.get("bands").get(0).get("overviews").size(), actual.get("bands").get(0).get("overviews").asInt()));
    }

    @Test
    @DisplayName("raster text: the facts a person looks for first")
    void rasterText_isReadable() {
        CommandRun run = run("info", TestData.raster("RGB.byte.tif").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("791 x 718 pixels, 3 bands"), run.out());
        assertTrue(run.out().contains("WGS 84 / UTM zone 18N (EPSG:32618)"), run.out());
        assertTrue(run.out().contains("Band 3:     Byte, block 791x3, nodata 0"), run.out());
    }

    @Test
    @DisplayName("S-57 with open options: layer and feature counts as ogrinfo reports them")
    void vectorWithOpenOptions_matchesOgrinfo() throws IOException {
        Path cell = TestData.s57("US5WA22M/US5WA22M.000");
        CommandRun run = run("info", "--json", "--oo", "SPLIT_MULTIPOINT=ON", "--oo", "ADD_SOUNDG_DEPTH=ON", cell.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode actual = JSON.readTree(run.out());
        String ogrinfo = GdalTools.run("ogrinfo", "-ro", "-so", "-al", "-oo", "SPLIT_MULTIPOINT=ON",
                "-oo", "ADD_SOUNDG_DEPTH=ON", cell.toString());
        long layers = ogrinfo.lines().filter(l -> l.startsWith("Layer name:")).count();
        long features = ogrinfo.lines().filter(l -> l.startsWith("Feature Count:"))
                .mapToLong(l -> Long.parseLong(l.substring("Feature Count:".length()).strip())).sum();
        assertAll(
                () -> assertEquals("S57", actual.get("driver").asText()),
                () -> assertEquals(layers, actual.get("layers").size()),
                () -> assertEquals(features, actual.get("featureCount").asLong()),
                () -> assertEquals(5164, actual.get("featureCount").asLong()));
    }

    @Test
    void missingFile_exitsOneNamingIt() {
        CommandRun run = run("info", "no-such-file.tif");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("no-such-file.tif: no such file"), run.err());
    }

    @Test
    void unreadableFile_exitsOneWithGdalsReason(@TempDir Path temp) throws IOException {
        Path text = Files.writeString(temp.resolve("notes.txt"), "not geodata\n");
        CommandRun run = run("info", text.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains(text.toString()) && run.err().contains("not recognized"), run.err());
    }

    @Test
    void missingArgument_isAUsageError() {
        CommandRun run = run("info");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("Missing required parameter: 'PATH'"), run.err());
    }
}
