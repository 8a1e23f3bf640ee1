package io.tilework.charts;

import io.tilework.engine.CancellationToken;
import io.tilework.engine.Engine;
import io.tilework.engine.job.Job;
import io.tilework.engine.job.JobContext;
import io.tilework.engine.job.JobParameters;
import io.tilework.engine.job.Jobs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("charts.produce found by name and run as a job")
class ChartsProduceJobTest {

    @TempDir
    Path temp;

    @Test
    @SuppressWarnings("unchecked")
    void runByName_producesTheProduct() throws Exception {
        Path enc = ChartCells.copy(temp.resolve("enc"), "AA5C1AB1");
        Path out = temp.resolve("product");
        Job<Object> job = (Job<Object>) Jobs.discover().get("charts.produce");
        Object parameters = JobParameters.bind(Map.of("encDir", enc.toString(), "out", out.toString(), "zooms", "14-15"), job.parametersType());
        var progress = new CopyOnWriteArrayList<String>();
        try (Engine engine = Engine.builder().build()) {
            var context = new JobContext(engine, (done, total, message) -> progress.add(message + " " + done + "/" + total), CancellationToken.NONE);
            var summary = (ChartProduction.Summary) job.run(context, parameters);
            assertEquals(1, summary.produced());
            assertEquals(List.of(), summary.failures());
            assertEquals(14, summary.minZoom());
            assertEquals(15, summary.maxZoom());
        }
        assertTrue(Files.size(out.resolve(ChartProduction.MBTILES)) > 0);
        assertTrue(progress.contains("copy 1/1"), progress::toString);
    }
}
