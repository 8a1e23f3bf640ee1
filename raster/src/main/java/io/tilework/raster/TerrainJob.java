package io.tilework.raster;

import io.tilework.engine.job.Job;
import io.tilework.engine.job.JobContext;
import io.tilework.engine.job.JobParameter;
import io.tilework.raster.failure.RasterInputInvalid;
import io.tilework.raster.terrain.GdaldemOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * {@code raster.terrain}: what {@code tilework raster MODE IN... OUT} computes ({@link TerrainProduct}),
 * as a job on the engine it is given. A cancelled job, or one whose thread is interrupted, stops
 * between tiles (or while it waits for one) and leaves no output.
 */
public final class TerrainJob implements Job<TerrainJob.Parameters> {

    public static final String NAME = "raster.terrain";

    public record Parameters(
            @JobParameter(description = "slope, aspect, hillshade, tri, tpi, roughness (one DEM in) or ndvi (red and near-infrared in)",
                    required = true)
            String mode,
            @JobParameter(description = "the input raster(s): the DEM, or the red then the near-infrared raster",
                    kind = JobParameter.Kind.INPUT_PATH, required = true)
            List<String> inputs,
            @JobParameter(description = "the output GeoTIFF", kind = JobParameter.Kind.OUTPUT_PATH, required = true)
            String output,
            @JobParameter(description = "cache computed tiles (and the last outputs) in this folder: a second run reads them back",
                    kind = JobParameter.Kind.OUTPUT_PATH)
            String cache,
            @JobParameter(description = "recompute every tile and rewrite the cache", defaultValue = "false")
            Boolean overwriteCache,
            @JobParameter(description = "tile size in pixels, a multiple of 16", defaultValue = "512")
            Integer tile,
            @JobParameter(description = "write a cloud-optimised GeoTIFF (with overviews)", defaultValue = "false")
            Boolean cog,
            @JobParameter(description = "gdaldem's options by name, e.g. z: 2, az: 315, alt: 45, s: 111120, alg: ZevenbergenThorne,"
                    + " compute_edges: true, p: true (flags take true or false)")
            Map<String, String> gdaldem,
            @JobParameter(description = "GeoTIFF creation options, e.g. COMPRESS: DEFLATE, PREDICTOR: 3 (by default uncompressed"
                    + " like gdaldem, DEFLATE for a COG; tiling is set by tile)")
            Map<String, String> creationOptions) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a terrain product like gdaldem (slope, aspect, hillshade, tri, tpi, roughness) or NDVI, tile by tile, optionally cached";
    }

    @Override
    public Class<Parameters> parametersType() {
        return Parameters.class;
    }

    @Override
    public Object run(JobContext context, Parameters p) {
        if (p.mode() == null || p.inputs() == null || p.output() == null) {
            throw new RasterInputInvalid("raster.terrain needs mode, inputs (the input rasters) and output (the GeoTIFF to write)");
        }
        var request = new TerrainProduct.Request(p.mode(), p.inputs().stream().map(Path::of).toList(), Path.of(p.output()),
                p.cache() == null ? null : Path.of(p.cache()), Boolean.TRUE.equals(p.overwriteCache()),
                p.tile() == null ? 512 : p.tile(), Boolean.TRUE.equals(p.cog()),
                GdaldemOption.arguments(p.gdaldem() == null ? Map.of() : p.gdaldem()),
                p.creationOptions() == null ? Map.of() : p.creationOptions());
        try (RasterSession session = RasterSession.on(context.engine())) {
            return TerrainProduct.write(session, request, (done, total) -> {
                // the server cancels by interrupting this thread; a token says so for the process engine
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("raster.terrain interrupted after " + done + " of " + total + " tiles");
                }
                context.cancellation().throwIfCancelled();
                context.progress().update(done, total, "tiles");
            });
        }
    }
}
