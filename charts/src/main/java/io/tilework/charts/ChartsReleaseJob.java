package io.tilework.charts;

import io.tilework.charts.failure.ProductRequestInvalid;
import io.tilework.charts.release.ProductRelease;
import io.tilework.engine.job.Job;
import io.tilework.engine.job.JobContext;
import io.tilework.engine.job.JobParameter;
import java.nio.file.Path;

/** Job {@code charts.release}: copies a checked product to its release folder, whole or not at all ({@link ProductRelease}). */
public final class ChartsReleaseJob implements Job<ChartsReleaseJob.Parameters> {

    public record Parameters(
            @JobParameter(description = "the product's folder (what charts.produce wrote)", kind = JobParameter.Kind.INPUT_PATH, required = true)
            String product,
            @JobParameter(description = "the release folder (must not exist, unless replace)", kind = JobParameter.Kind.OUTPUT_PATH,
                    required = true)
            String release,
            @JobParameter(description = "replace an existing release folder", defaultValue = "false")
            Boolean replace) {
    }

    @Override
    public String name() {
        return "charts.release";
    }

    @Override
    public String description() {
        return "copies a chart product to a release folder, whole or not at all; an existing release is kept unless replace";
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public Object run(JobContext context, Parameters p) throws Exception {
        if (p.product() == null || p.release() == null) {
            throw new ProductRequestInvalid("charts.release needs product (the product's folder) and release (the release folder)");
        }
        context.cancellation().throwIfCancelled();
        context.progress().update(0, 1, "copying");
        ProductRelease.Released released = ProductRelease.run(Path.of(p.product()), Path.of(p.release()), Boolean.TRUE.equals(p.replace()));
        context.progress().update(1, 1, "released");
        return released;
    }
}
