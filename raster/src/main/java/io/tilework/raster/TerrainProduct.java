package io.tilework.raster;

import io.tilework.gdal.raster.GeoTiffOptions;
import io.tilework.raster.cache.OutputCache;
import io.tilework.raster.failure.RasterInputInvalid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One terrain product written to a file: gdaldem's mode (or NDVI) over its input file(s), tile by
 * tile on a session's engine, optionally cached, as a GeoTIFF or COG. The one place that builds
 * the recipe and writes it, for {@code tilework raster} and the job {@code raster.terrain}.
 */
public final class TerrainProduct {

    private TerrainProduct() {
    }

    /**
     * What to make.
     *
     * @param mode            slope, aspect, hillshade, tri, tpi, roughness (one DEM) or ndvi (red then near-infrared)
     * @param inputs          the input raster files
     * @param output          the file written
     * @param cache           cache folder of the tiles and the last outputs, or null
     * @param overwriteCache  recompute every tile and rewrite the cache
     * @param tileSize        pixels per tile side, a multiple of 16
     * @param cog             a cloud-optimised GeoTIFF rather than a plain one
     * @param gdaldemOptions  gdaldem's arguments ({@code -z 2 -compute_edges}), checked against the mode
     * @param creationOptions GeoTIFF creation options by name
     */
    public record Request(String mode, List<Path> inputs, Path output, Path cache, boolean overwriteCache, int tileSize,
            boolean cog, List<String> gdaldemOptions, Map<String, String> creationOptions) {

        public Request {
            mode = mode.toLowerCase(Locale.ROOT);
            inputs = List.copyOf(inputs);
            gdaldemOptions = List.copyOf(gdaldemOptions);
            creationOptions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(creationOptions)); // in the order given
            if (inputs.size() != inputCount(mode)) {
                throw new RasterInputInvalid("raster " + mode + " takes " + inputCount(mode) + " input file"
                        + (inputCount(mode) > 1 ? "s" : "") + ", not " + inputs.size());
            }
            if (tileSize < 16 || tileSize % 16 != 0) {
                throw new RasterInputInvalid("the tile size must be a multiple of 16, not " + tileSize);
            }
        }
    }

    /** What was written: the output's size in pixels, whether a kept output served, and the cache's use. */
    public record Result(Path output, int width, int height, RasterWriter.Written written, long cacheHits, long cacheMisses) {
    }

    /** How many input files {@code mode} reads: two for NDVI (red, near-infrared), else one DEM. */
    public static int inputCount(String mode) {
        return mode.equalsIgnoreCase("ndvi") ? 2 : 1;
    }

    /**
     * The GeoTIFF options of the output: the writer's defaults for the format (uncompressed like
     * gdaldem, DEFLATE for a COG), tiled by {@code tileSize}, with {@code creationOptions} on top.
     *
     * @throws IllegalArgumentException naming the option ({@code -co NAME=VALUE}) that GDAL's writer does not take
     */
    public static GeoTiffOptions creationOptions(boolean cog, int tileSize, Map<String, String> creationOptions) {
        GeoTiffOptions options = writer(cog, tileSize).options();
        for (var option : creationOptions.entrySet()) {
            try {
                options = options.option(option.getKey(), option.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-co " + option.getKey() + "=" + option.getValue() + ": " + e.getMessage(), e);
            }
        }
        return options;
    }

    /**
     * Computes and writes the product on {@code session}'s engine; {@code progress} gets (tiles
     * done, tiles in all) on the calling thread, and may throw to stop the run (the output is then
     * not written).
     */
    public static Result write(RasterSession session, Request request, BiConsumer<Integer, Integer> progress) {
        for (Path input : request.inputs()) {
            if (!Files.isRegularFile(input)) {
                throw new RasterInputInvalid(input + ": no such file; check the path");
            }
        }
        Recipe recipe;
        if (request.mode().equals("ndvi")) {
            recipe = TerrainRecipes.ndvi(session, session.open(request.inputs().get(0)), session.open(request.inputs().get(1)),
                    request.tileSize(), request.cache(), request.overwriteCache());
        } else {
            recipe = TerrainRecipes.terrain(session, session.open(request.inputs().get(0)), request.mode(), request.gdaldemOptions(),
                    request.tileSize(), request.cache(), request.overwriteCache());
        }
        RasterWriter writer = writer(request.cog(), request.tileSize())
                .options(creationOptions(request.cog(), request.tileSize(), request.creationOptions()));
        if (request.cache() != null) {
            writer = writer.reuseOutputs(OutputCache.in(request.cache(), request.overwriteCache()));
        }
        RasterWriter.Written written = writer.write(recipe, request.output(), progress);
        return new Result(request.output(), recipe.footprint().width(), recipe.footprint().height(), written,
                session.cacheHits(), session.cacheMisses());
    }

    private static RasterWriter writer(boolean cog, int tileSize) {
        return (cog ? RasterWriter.cog() : RasterWriter.geoTiff()).tileSize(tileSize);
    }
}
