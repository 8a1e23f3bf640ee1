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
        // the raster cache keeps its tiles in per-recipe stores that report to the raster session, not to the engine's
        // listeners: the report's cache figures stay 0 for raster runs (see the report of this branch)
        assertTrue(run.bytes() > 0, "the tiles' estimated sizes");
    }
}
