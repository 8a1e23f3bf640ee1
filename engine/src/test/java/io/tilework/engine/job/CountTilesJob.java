package io.tilework.engine.job;

import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/** A job registered in the test resources' META-INF/services, as application modules register theirs. */
public final class CountTilesJob implements Job<CountTilesJob.Parameters> {

    public enum Mode { FAST, EXACT }

    public record Parameters(Path input, int tiles, Mode mode, Duration timeout, List<String> bands, Options options) {
    }

    public record Options(boolean overwrite, double scale) {
    }

    @Override
    public String name() {
        return "test.count-tiles";
    }

    @Override
    public String description() {
        return "Counts tiles through the engine (a test job)";
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public Object run(JobContext context, Parameters parameters) throws Exception {
        List<Task<Long>> tiles = IntStream.range(0, parameters.tiles())
                .mapToObj(i -> Task.<Long>builder(TaskKey.of("test.tile", 1, "" + i)).compute((in, cancel) -> 1L)).toList();
        long counted = 0;
        try (var stream = context.engine().stream(tiles, 4)) {
            while (stream.hasNext()) {
                context.cancellation().throwIfCancelled();
                counted += stream.next();
                context.progress().update(counted, parameters.tiles(), "tiles");
            }
        }
        return counted;
    }
}
