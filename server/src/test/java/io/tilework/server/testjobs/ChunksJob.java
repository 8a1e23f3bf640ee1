package io.tilework.server.testjobs;

import io.tilework.engine.Codec;
import io.tilework.engine.Engine;
import io.tilework.engine.ResultStream;
import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import io.tilework.engine.job.Job;
import io.tilework.engine.job.JobContext;
import io.tilework.engine.job.JobParameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code test.chunks}: computes {@code chunks} chunks on the engine (each waits {@code millis},
 * chunk number {@code failAt} fails), reports progress, and writes their sum to {@code out/sum.txt}
 * and a small page {@code out/index.html}.
 */
public final class ChunksJob implements Job<ChunksJob.Parameters> {

    public record Parameters(
            @JobParameter(description = "how many chunks", required = true) int chunks,
            @JobParameter(description = "how long each chunk takes, in ms", defaultValue = "0") Integer millis,
            @JobParameter(description = "the chunk that fails (none by default)") Integer failAt,
            @JobParameter(description = "the folder the sum is written to", kind = JobParameter.Kind.OUTPUT_PATH, required = true) String out,
            @JobParameter(description = "files read before anything runs", kind = JobParameter.Kind.INPUT_PATH) List<String> inputs) {
    }

    @Override
    public String name() {
        return "test.chunks";
    }

    @Override
    public String description() {
        return "chunks that wait, a sum written to a folder (tests)";
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public Object run(JobContext context, Parameters p) throws Exception {
        if (p.inputs() != null) {
            for (String input : p.inputs()) {
                Files.readAllBytes(Path.of(input));
            }
        }
        Engine engine = context.engine();
        int wait = p.millis() == null ? 0 : p.millis();
        var tasks = new ArrayList<Task<Long>>();
        for (int i = 0; i < p.chunks(); i++) {
            int n = i;
            Task<Long> source = Task.<Long>builder(TaskKey.of("test.source", 1, "c" + n)).codec(Codec.LONG).compute((in, cancel) -> (long) n);
            tasks.add(Task.<Long>builder(TaskKey.of("test.square", 1, "c" + n)).codec(Codec.LONG).inputs(List.of(source)).compute((in, cancel) -> {
                long until = System.nanoTime() + wait * 1_000_000L;
                while (System.nanoTime() < until) {
                    cancel.throwIfCancelled();
                    Thread.sleep(Math.min(5, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                }
                if (p.failAt() != null && p.failAt() == n) {
                    throw new IllegalStateException("chunk " + n + " was told to fail");
                }
                long value = in.<Long>get(0);
                return value * value;
            }));
        }
        long sum = 0;
        int done = 0;
        try (ResultStream<Long> results = engine.stream(tasks)) {
            while (results.hasNext()) {
                sum += results.next();
                context.progress().update(++done, p.chunks(), "squares");
            }
        }
        Path out = Path.of(p.out());
        Files.createDirectories(out);
        Files.writeString(out.resolve("sum.txt"), sum + "\n", StandardCharsets.UTF_8);
        Files.writeString(out.resolve("index.html"), "<html><body><p id='sum'>" + sum + "</p></body></html>", StandardCharsets.UTF_8);
        return Map.of("sum", sum, "out", out);
    }
}
