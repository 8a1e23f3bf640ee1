package io.tilework.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.CancellationToken;
import io.tilework.engine.Engine;
import io.tilework.engine.pool.Pools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("jobs: discovery, typed parameters, running with progress")
class JobTest {

    private static final Map<String, Object> PARAMETERS = Map.of(
            "input", "data/dem.tif", "tiles", 12, "mode", "exact", "timeout", "5m",
            "bands", List.of("red", "nir"), "options", Map.of("overwrite", "true", "scale", 2));

    @Test
    void discover_findsJobsRegisteredWithServiceLoader() {
        Jobs jobs = Jobs.discover();
        assertTrue(jobs.all().containsKey("test.count-tiles"), jobs.all().keySet().toString());
        var e = assertThrows(IllegalArgumentException.class, () -> jobs.get("raster.nope"));
        assertTrue(e.getMessage().contains("test.count-tiles"), e.getMessage());
    }

    @Test
    @DisplayName("parameters from JSON/YAML-shaped maps bind to the job's record with conversions")
    void parameters_bindWithConversions() {
        var bound = JobParameters.bind(PARAMETERS, CountTilesJob.Parameters.class);
        assertEquals(new CountTilesJob.Parameters(Path.of("data/dem.tif"), 12, CountTilesJob.Mode.EXACT,
                Duration.ofMinutes(5), List.of("red", "nir"), new CountTilesJob.Options(true, 2.0)), bound);
        var milliseconds = JobParameters.bind(Map.of("tiles", 1, "timeout", "250ms"), CountTilesJob.Parameters.class);
        assertEquals(Duration.ofMillis(250), milliseconds.timeout());
    }

    @Test
    @DisplayName("bad parameters say which one and what was expected")
    void parameters_errorsNameTheParameter() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> JobParameters.bind(
                Map.of("tiles", 1, "colour", "red"), CountTilesJob.Parameters.class));
        assertTrue(unknown.getMessage().contains("unknown parameter 'colour'") && unknown.getMessage().contains("tiles"),
                unknown.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> JobParameters.bind(
                Map.of("input", "x"), CountTilesJob.Parameters.class));
        assertTrue(missing.getMessage().contains("'tiles' is required"), missing.getMessage());
        var enumValue = assertThrows(IllegalArgumentException.class, () -> JobParameters.bind(
                Map.of("tiles", 1, "mode", "slow"), CountTilesJob.Parameters.class));
        assertTrue(enumValue.getMessage().contains("'mode'") && enumValue.getMessage().contains("EXACT"), enumValue.getMessage());
        var nested = assertThrows(IllegalArgumentException.class, () -> JobParameters.bind(
                Map.of("tiles", 1, "options", Map.of("overwrite", "perhaps", "scale", 1)), CountTilesJob.Parameters.class));
        assertTrue(nested.getMessage().contains("'options.overwrite'"), nested.getMessage());
    }

    @Test
    @DisplayName("a job runs on the engine and reports progress")
    void run_reportsProgress() throws Exception {
        @SuppressWarnings("unchecked")
        Job<CountTilesJob.Parameters> job = (Job<CountTilesJob.Parameters>) Jobs.discover().get("test.count-tiles");
        var progress = new ArrayList<Long>();
        try (Engine engine = Engine.builder().pool(Pools.cpu(2)).build()) {
            var context = new JobContext(engine, (done, total, message) -> progress.add(done), CancellationToken.NONE);
            Object result = job.run(context, JobParameters.bind(PARAMETERS, job.parametersType()));
            assertEquals(12L, result);
        }
        assertEquals(12, progress.size());
        assertEquals(12L, progress.getLast());
    }
}
