package io.tilework.charts;

import io.tilework.charts.check.ProductCheck;
import io.tilework.charts.failure.ProductRequestInvalid;
import io.tilework.engine.job.Job;
import io.tilework.engine.job.JobContext;
import io.tilework.engine.job.JobParameter;
import java.nio.file.Path;

/** Job {@code charts.check}: the summary a person reads before releasing a product, with a few tiles drawn ({@link ProductCheck}). */
public final class ChartsCheckJob implements Job<ChartsCheckJob.Parameters> {

    public record Parameters(
            @JobParameter(description = "the product's folder (what charts.produce wrote)", kind = JobParameter.Kind.INPUT_PATH, required = true)
            String product,
            @JobParameter(description = "the folder the tiles are drawn into, as PNG images", kind = JobParameter.Kind.OUTPUT_PATH,
                    required = true)
            String images,
            @JobParameter(description = "how many tiles to draw (the busiest)", defaultValue = "4")
            Integer tiles,
            @JobParameter(description = "the images' side in pixels", defaultValue = "256")
            Integer size) {
    }

    @Override
    public String name() {
        return "charts.check";
    }

    @Override
    public String description() {
        return "a chart product's summary for its check: cells done and failed, size, and a few tiles drawn as PNG images";
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public Object run(JobContext context, Parameters p) throws Exception {
        if (p.product() == null || p.images() == null) {
            throw new ProductRequestInvalid("charts.check needs product (the product's folder) and images (where the tiles are drawn)");
        }
        int tiles = p.tiles() == null ? 4 : p.tiles();
        int size = p.size() == null ? 256 : p.size();
        if (tiles < 0 || size < 16 || size > 4096) {
            throw new ProductRequestInvalid("charts.check draws 0 or more tiles of 16 to 4096 pixels, not " + tiles + " of " + size);
        }
        context.progress().update(0, tiles, "drawing tiles");
        // the server cancels by interrupting the job's thread; the process engine by the token
        ProductCheck.Summary summary = ProductCheck.run(Path.of(p.product()), Path.of(p.images()), tiles, size,
                () -> Thread.currentThread().isInterrupted() || context.cancellation().isCancelled());
        context.progress().update(tiles, tiles, "checked");
        return summary;
    }
}
