package io.tilework.app.charts;

import io.tilework.app.RunReportOption;
import io.tilework.charts.ChartProduction;
import io.tilework.charts.catalog.CellProblem;
import io.tilework.charts.failure.CellsFailed;
import io.tilework.charts.failure.ProductRequestInvalid;
import io.tilework.charts.tiles.ZoomRange;
import io.tilework.engine.Engine;
import io.tilework.engine.pool.Pools;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import io.tilework.app.cluster.ClusterOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code tilework charts produce ENC_DIR --out PRODUCT}: the whole chain, restartable. */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Turns the S-57 cells under ENC_DIR into one product in PRODUCT: chart.mbtiles (vector tiles), "
                + "chart.gpkg (triangles and display points) and summary.json. Stages: reproject, produce (clip into the "
                + "quadtree, triangulate, display points), per chart, per tile (merge; the more detailed band wins), copy. "
                + "Interrupted or rerun, it reuses finished work under PRODUCT/.work. A chart that fails is listed and the "
                + "others go on; the exit code is then 1.")
public final class ChartsProduceCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENC_DIR", description = "folder of S-57 cells (searched recursively)")
    private Path encDir;

    @Option(names = "--out", required = true, paramLabel = "PRODUCT", description = "the product's folder (created if needed)")
    private Path out;

    @Option(names = "--crs", paramLabel = "CRS", defaultValue = "EPSG:3857",
            description = "the product's CRS (default ${DEFAULT-VALUE}); MBTiles is written for EPSG:3857 only")
    private String crs;

    @Option(names = "--zooms", paramLabel = "MIN-MAX", defaultValue = "auto",
            description = "zoom levels of every chart, e.g. 12-15; auto (default): the 3 levels up to each chart's compilation scale")
    private String zooms;

    @Option(names = "--jobs", paramLabel = "N", description = "charts and tile blocks worked on at once (default: one per core)")
    private Integer jobs;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "chart", description = "the product's name in its metadata (default ${DEFAULT-VALUE})")
    private String name;

    @Option(names = "--quiet", description = "no progress bars")
    private boolean quiet;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private RunReportOption report;

    @Override
    public Integer call() throws Exception {
        cluster.check();
        Optional<ZoomRange> zoomRange;
        try {
            zoomRange = zooms.equalsIgnoreCase("auto") ? Optional.empty() : Optional.of(ZoomRange.parse(zooms));
        } catch (ProductRequestInvalid e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--zooms: " + e.getMessage());
        }
        if (jobs != null && jobs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1, not " + jobs);
        }
        PrintWriter err = spec.commandLine().getErr();
        var progress = new StageProgress(err, quiet);
        Engine.Builder engine = report.record("charts produce " + out, Engine.builder());
        if (jobs != null) {
            engine.pool(Pools.cpu(jobs));
        }
        if (cluster.given()) {
            engine.pool(cluster.coordinator("charts produce " + out.getFileName(), null, null));
        }
        PrintWriter o = spec.commandLine().getOut();
        return report.around(spec.commandLine(), () -> produce(engine, zoomRange, progress, o));
    }

    private int produce(Engine.Builder engine, Optional<ZoomRange> zoomRange, StageProgress progress, PrintWriter o) throws IOException {
        ChartProduction.Summary summary;
        try (Engine running = engine.build()) {
            summary = ChartProduction.run(running, encDir, out, new ChartProduction.Options(crs, zoomRange, name), progress::update);
        } catch (CellsFailed nothingProduced) {
            progress.done();
            listFailures(o, nothingProduced.failures());
            throw nothingProduced;
        } catch (IOException | RuntimeException e) {
            progress.done();
            throw e;
        }
        progress.done();
        o.printf(Locale.ROOT, "%d cell(s): %d produced, %d failed; %d objects, %d pieces, %d display points%n", summary.cells(),
                summary.produced(), summary.failures().size(), summary.features(), summary.pieces(), summary.displayPoints());
        o.printf(Locale.ROOT, "%d tiles at zoom %d-%d, %d triangles; %d outputs reused from earlier runs%n", summary.tiles(),
                summary.minZoom(), summary.maxZoom(), summary.triangles(), summary.reused());
        var times = new StringBuilder();
        for (Map.Entry<ChartProduction.Stage, Long> stage : summary.stageMillis().entrySet()) {
            times.append(times.isEmpty() ? "" : ", ").append(stage.getKey().label()).append(' ')
                    .append(String.format(Locale.ROOT, "%.2f s", stage.getValue() / 1000.0));
        }
        o.printf(Locale.ROOT, "time per stage (summed over threads): %s; %.2f s in all%n", times, summary.wallMillis() / 1000.0);
        o.println("wrote " + String.join(", ", summary.written().stream().map(p -> p.getFileName().toString()).toList()) + " to " + out);
        if (!summary.failures().isEmpty()) {
            listFailures(o, summary.failures());
            throw new CellsFailed(summary.produced() + " of " + summary.cells() + " cells produced into " + out + ", "
                    + summary.failures().size() + " failed", summary.failures());
        }
        return 0;
    }

    private static void listFailures(PrintWriter o, List<CellProblem> failures) {
        if (!failures.isEmpty()) {
            o.println("failed:");
            for (CellProblem failure : failures) {
                o.println("  " + failure);
            }
        }
    }
}
