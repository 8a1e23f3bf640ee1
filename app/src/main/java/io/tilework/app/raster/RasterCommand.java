package io.tilework.app.raster;

import io.tilework.app.ProgressBar;
import io.tilework.app.RunReportOption;
import io.tilework.app.failure.RequestFailure;
import io.tilework.gdal.GdalWarnings;
import io.tilework.raster.RasterSession;
import io.tilework.raster.RasterWriter;
import io.tilework.raster.TerrainProduct;
import io.tilework.raster.terrain.GdaldemOption;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import io.tilework.app.cluster.ClusterOptions;
import io.tilework.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code tilework raster MODE IN... OUT}: gdaldem's terrain operations (and NDVI) computed tile by
 * tile on the engine, optionally cached, written as a GeoTIFF or COG.
 */
@Command(name = "raster", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = RasterCommand.WithGdaldemOptions.class,
        description = {"Computes a terrain product like gdaldem, tile by tile in parallel, with an optional cache.",
                "MODE is slope, aspect, hillshade, tri, tpi, roughness (one DEM in) or ndvi (RED and NIR in).",
                "Options keep gdaldem's names; the output has gdaldem's values, type and nodata.",
                "",
                "Examples:",
                "  tilework raster slope dem.tif slope.tif -compute_edges --cache cache/",
                "  tilework raster hillshade dem.tif shade.tif -z 2 -az 315 -alt 45 --cog",
                "  tilework raster ndvi red.tif nir.tif ndvi.tif"})
public final class RasterCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODE", description = "slope, aspect, hillshade, tri, tpi, roughness or ndvi")
    private String mode;

    @Parameters(index = "1..*", arity = "2..3", paramLabel = "FILE", description = "the input raster(s), then the output file")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--cache", paramLabel = "DIR", description = "cache computed tiles (and the last outputs) in DIR: a second run reads them back,"
            + " and the same output again is a hard link")
    private Path cache;

    @Option(names = "--overwrite-cache", description = "recompute every tile and rewrite the cache")
    private boolean overwriteCache;

    @Option(names = "--cog", description = "write a cloud-optimised GeoTIFF (with overviews)")
    private boolean cog;

    @Option(names = "-co", paramLabel = "NAME=VALUE", description = {"a GeoTIFF creation option, e.g. -co COMPRESS=DEFLATE,"
            + " -co PREDICTOR=3 (repeatable; by default uncompressed like gdaldem, DEFLATE with --cog; tiling is set by --tile)"})
    private List<String> creationOptions = new ArrayList<>();

    @Option(names = "--tile", paramLabel = "PIXELS", defaultValue = "512", description = "tile size (default ${DEFAULT-VALUE})")
    private int tile;

    @Option(names = "--quiet", description = "no progress bar")
    private boolean quiet;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private RunReportOption report;

    @Override
    public Integer call() throws Exception {
        cluster.check();
        String op = mode.toLowerCase(Locale.ROOT);
        int inputs = TerrainProduct.inputCount(op);
        if (files.size() != inputs + 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "raster " + mode + " takes " + inputs
                    + " input file" + (inputs > 1 ? "s" : "") + " then the output file, not " + files.size() + " file(s)");
        }
        for (Path input : files.subList(0, inputs)) {
            if (!Files.isRegularFile(input)) {
                throw new RequestFailure(input + ": no such file; check the path");
            }
        }
        if (tile < 16 || tile % 16 != 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--tile must be a multiple of 16, not " + tile);
        }
        Path out = files.get(inputs);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        // GDAL's warnings come after the work, once each, or not at all when it fails: a damaged file gets one line
        var progress = new ProgressBar(err, quiet, "tiles", 1);
        Engine.Builder engine = report.record("raster " + op + " " + out, Engine.builder());
        if (cluster.given()) { // workers put large tiles straight into the cache's tile store, which this run reads
            engine.pool(cluster.coordinator("raster " + op + " " + out.getFileName(), cache == null ? null : cache.resolve("tiles"), progress));
        }
        var request = new TerrainProduct.Request(op, files.subList(0, inputs), out, cache, overwriteCache, tile, cog,
                gdaldemOptions(), creationOptions());
        return report.around(spec.commandLine(), () -> compute(engine, request, out, progress, start));
    }

    private int compute(Engine.Builder engine, TerrainProduct.Request request, Path out, ProgressBar progress, long start) {
        String op = request.mode();
        try (GdalWarnings.Hold warnings = GdalWarnings.hold(); RasterSession session = RasterSession.create(engine)) {
            // A chunk that failed surfaces as the TaskFailedException naming it; its cause decides the exit code.
            TerrainProduct.Result result = TerrainProduct.write(session, request, progress::update);
            progress.done();
            double seconds = (System.nanoTime() - start) / 1e9;
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %s of %s, %d x %d, %.2f s%s%n", out, op, files.get(0),
                    result.width(), result.height(), seconds,
                    cache == null ? "" : String.format(Locale.ROOT, ", cache %s: %s%d tiles read, %d computed",
                            cache, result.written() == RasterWriter.Written.REUSED ? "the same output reused (hard link), " : "",
                            result.cacheHits(), result.cacheMisses()));
            warnings.succeeded();
        }
        return 0;
    }

    /**
     * The {@code -co NAME=VALUE} options by name, in the order given; each is checked against the
     * output's format here, so that a bad one is a usage error before any work.
     */
    private Map<String, String> creationOptions() {
        var options = new LinkedHashMap<String, String>();
        for (String option : creationOptions) {
            int equals = option.indexOf('=');
            if (equals <= 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-co takes NAME=VALUE, not '" + option + "'");
            }
            options.put(option.substring(0, equals), option.substring(equals + 1));
            try {
                TerrainProduct.creationOptions(cog, tile, Map.of(option.substring(0, equals), option.substring(equals + 1)));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-co " + option + ": " + e.getCause().getMessage());
            }
        }
        return options;
    }

    /** The gdaldem options given, as gdaldem's arguments ({@link GdaldemOption#arguments}). */
    private List<String> gdaldemOptions() {
        var given = new LinkedHashMap<String, String>();
        for (GdaldemOption option : GdaldemOption.ALL) {
            OptionSpec value = spec.findOption(option.name());
            if (option.takesValue() && value.getValue() != null) {
                given.put(option.name(), value.getValue());
            } else if (!option.takesValue() && Boolean.TRUE.equals(value.getValue())) {
                given.put(option.name(), "true");
            }
        }
        return GdaldemOption.arguments(given);
    }

    /** Adds gdaldem's options to the command from their one declaration, before the command's own. */
    public static final class WithGdaldemOptions implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            var own = List.copyOf(command.options());
            own.forEach(command::remove);
            for (GdaldemOption option : GdaldemOption.ALL) {
                var builder = OptionSpec.builder(option.name()).description(option.description());
                command.addOption(option.takesValue()
                        ? builder.type(String.class).paramLabel(option.valueLabel()).build()
                        : builder.type(boolean.class).arity("0").build());
            }
            own.forEach(command::addOption);
            return command;
        }
    }
}
