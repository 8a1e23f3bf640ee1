package io.tilework.process.jobs;

import io.tilework.engine.job.Job;
import io.tilework.engine.job.JobContext;
import io.tilework.engine.job.JobParameter;
import java.time.Duration;
import java.util.Map;

/**
 * {@code process.sleep}: waits, then returns what it was given as {@code result}. A stand-in for
 * real work in examples, demos and the engine's benchmark (with no duration: a no-op job).
 */
public final class SleepJob implements Job<SleepJob.Parameters> {

    /**
     * @param duration how long to wait (default: not at all)
     * @param result   what the job returns; a map becomes process variables
     */
    public record Parameters(
            @JobParameter(description = "how long to wait, e.g. 250ms, 90s, 5m or PT5M (default: not at all)")
            Duration duration,
            @JobParameter(description = "what the job returns; a map becomes process variables")
            Map<String, Object> result) {
    }

    @Override
    public String name() {
        return "process.sleep";
    }

    @Override
    public String description() {
        return "waits for a duration (default none), checking for cancellation, and returns its result parameter";
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public Object run(JobContext context, Parameters parameters) throws InterruptedException {
        long end = System.nanoTime() + (parameters.duration() == null ? 0 : parameters.duration().toNanos());
        while (System.nanoTime() < end) {
            context.cancellation().throwIfCancelled();
            Thread.sleep(Math.max(0, Math.min(20, (end - System.nanoTime()) / 1_000_000)));
        }
        return parameters.result() == null ? Map.of() : parameters.result();
    }
}
