package io.tilework.charts;

import io.tilework.charts.failure.ProductRequestInvalid;
import io.tilework.charts.tiles.ZoomRange;
import io.tilework.engine.job.Job;
import io.tilework.engine.job.JobContext;
import io.tilework.engine.job.JobParameter;
import java.nio.file.Path;
import java.util.Optional;

/** The production chain as job {@code charts.produce}, for the process engine and job listings. */
public final class ChartsProduceJob implements Job<ChartsProduceJob.Parameters> {

    /**
     * @param encDir folder of S-57 cells
     * @param out    the product's folder
     * @param crs    the product's CRS; default EPSG:3857
     * @param zooms  "MIN-MAX" for every chart, or null / "auto" for each chart's scale
     * @param name   the product's name; default "chart"
     */
    public record Parameters(
            @JobParameter(description = "folder of S-57 cells (searched recursively)", kind = JobParameter.Kind.INPUT_PATH, required = true)
            String encDir,
            @JobParameter(description = "the product's folder (created if needed)", kind = JobParameter.Kind.OUTPUT_PATH, required = true)
            String out,
            @JobParameter(description = "the product's CRS; MBTiles is written for EPSG:3857 only", defaultValue = "EPSG:3857")
            String crs,
            @JobParameter(description = "zoom levels of every chart, e.g. 12-15; auto: the 3 levels up to each chart's compilation scale",
                    defaultValue = "auto")
            String zooms,
            @JobParameter(description = "the product's name in its metadata", defaultValue = "chart")
            String name) {
    }

    @Override
    public String name() {
        return "charts.produce";
    }

    @Override
    public String description() {
        return "S-57 cells to a chart product (MBTiles of vector tiles and a GeoPackage), restartable";
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public Object run(JobContext context, Parameters p) throws Exception {
        if (p.encDir() == null || p.out() == null) {
            throw new ProductRequestInvalid("charts.produce needs encDir (the folder of S-57 cells) and out (the product's folder)");
        }
        Optional<ZoomRange> zooms = p.zooms() == null || p.zooms().equalsIgnoreCase("auto") ? Optional.empty()
                : Optional.of(ZoomRange.parse(p.zooms()));
        var options = new ChartProduction.Options(p.crs() == null ? "EPSG:3857" : p.crs(), zooms, p.name() == null ? "chart" : p.name());
        return ChartProduction.run(context.engine(), Path.of(p.encDir()), Path.of(p.out()), options,
                (stage, done, total) -> context.progress().update(done, total, stage.label()));
    }
}
