package io.tilework.app.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.app.CommandRun;
import io.tilework.server.report.RunRecorder;
import io.tilework.server.report.RunReport;
import io.tilework.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("tilework raster --report FILE.html: the tiles computed, each a chunk in the lane that ran it")
class RasterRunReportTest {

    @TempDir
    Path dir;

    private static RunRecorder.Snapshot embedded(Path page) throws Exception {
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"" + RunReport.DATA_ID + "\">(.*?)</script>", Pattern.DOTALL)
                .matcher(Files.readString(page));
        assertTrue(data.find(), "the page embeds the run's data");
        return new ObjectMapper().readValue(data.group(1), RunRecorder.Snapshot.class);
    }

    @Test
    void slope_reportsItsTiles() throws Exception {
        Path dem = TestData.raster("srtm_bigtujunga30m_utm11.tif");
        Path first = dir.resolve("first.html");
        CommandRun cold = CommandRun.run("raster", "slope", dem.toString(), dir.resolve("slope.tif").toString(), "--tile", "64",
                "--cache", dir.resolve("cache").toString(), "--quiet", "--report", first.toString());
        assertEquals(0, cold.exit(), cold.err());
        assertTrue(cold.out().contains("report: " + first), cold.out());
        RunRecorder.Snapshot run = embedded(first);
        assertEquals("succeeded", run.outcome());
        assertTrue(run.title().startsWith("raster slope "), run.title());
        assertTrue(run.chunksDone() > 1, run.chunksDone() + " chunks");
        assertTrue(run.tasks().stream().allMatch(span -> !span.lane().isBlank() && span.state().equals("finished")), run.tasks().toString());
        assertTrue(run.bytes() > 0, "the tiles' estimated sizes");
        assertEquals(0, run.cache().hits(), "a cold cache");
        assertTrue(run.cache().misses() > 0, "every tile looked up and missed: " + run.cache());

        // another output from the same cache: its tiles are read back, and the report says so
        Path second = dir.resolve("second.html");
        CommandRun warm = CommandRun.run("raster", "slope", dem.toString(), dir.resolve("slope-again.tif").toString(), "--tile", "64",
                "--cache", dir.resolve("cache").toString(), "--quiet", "--report", second.toString(), "-co", "COMPRESS=DEFLATE");
        assertEquals(0, warm.exit(), warm.err());
        RunRecorder.Snapshot again = embedded(second);
        assertEquals(run.cache().misses(), again.cache().hits(), "the tiles computed in the first run are the hits of the second: "
                + again.cache());
        assertEquals(0, again.cache().misses());
    }
}
