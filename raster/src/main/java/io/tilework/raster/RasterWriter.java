package io.tilework.raster;

import io.tilework.engine.ResultStream;
import io.tilework.gdal.Gdal;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.GeoTiffOptions;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.RasterSpec;
import io.tilework.gdal.raster.Window;
import io.tilework.gdal.srs.SpatialReference;
import io.tilework.raster.cache.OutputCache;
import io.tilework.raster.footprint.Footprint;
import io.tilework.raster.footprint.PixelRect;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Streams a raster into a GeoTIFF or a COG, tile by tile in file order, with memory bounded by
 * the lookahead. The file appears under its name only when complete: it is written next to it
 * under a temporary name and renamed at the end, so a failure or a kill leaves no partial output.
 */
public final class RasterWriter {

    /** Bump when a change here changes the bytes written: outputs kept by an older version are then not reused. */
    private static final int FORMAT_VERSION = 1;

    /** How a write produced its file. */
    public enum Written {
        /** every tile was requested from the raster and written */
        WRITTEN,
        /** the same output, kept by an earlier write in the {@link OutputCache}, was linked in */
        REUSED
    }

    private final GeoTiffOptions options;
    private final boolean cog;
    private final int lookahead;
    private final OutputCache outputs;

    private RasterWriter(GeoTiffOptions options, boolean cog, int lookahead, OutputCache outputs) {
        this.options = options;
        this.cog = cog;
        this.lookahead = lookahead;
        this.outputs = outputs;
    }

    /**
     * A tiled (512 x 512), uncompressed GeoTIFF, like gdaldem's default output; for a compressed
     * one, {@code options(options().compress("DEFLATE"))}.
     */
    public static RasterWriter geoTiff() {
        return new RasterWriter(GeoTiffOptions.defaults().tiled(512, 512), false, 8, null);
    }

    /** A cloud-optimised GeoTIFF (DEFLATE), with overviews made by GDAL's COG driver. */
    public static RasterWriter cog() {
        return new RasterWriter(GeoTiffOptions.defaults().tiled(512, 512).compress("DEFLATE"), true, 8, null);
    }

    /** Writes in blocks (and asks for tiles) of {@code size} pixels, a multiple of 16. */
    public RasterWriter tileSize(int size) {
        return new RasterWriter(options.tiled(size, size), cog, lookahead, outputs);
    }

    public GeoTiffOptions options() {
        return options;
    }

    public RasterWriter options(GeoTiffOptions value) {
        return new RasterWriter(value, cog, lookahead, outputs);
    }

    /**
     * Keeps every complete output in {@code cache} and, when the same raster is written again with
     * the same options, links the kept file in instead of writing its tiles again.
     */
    public RasterWriter reuseOutputs(OutputCache cache) {
        return new RasterWriter(options, cog, lookahead, cache);
    }

    /** What decides the bytes of an output besides its pixels: format, options, GDAL and this writer. */
    private String formatDescription() {
        return (cog ? "COG" : "GTiff") + " " + new TreeMap<>(options.toCreationOptions()) + " GDAL " + Gdal.version() + " writer " + FORMAT_VERSION;
    }

    private static String contentDescription(Raster raster) {
        var text = new StringBuilder(raster.identity()).append('|').append(raster.footprint())
                .append('|').append(raster.dataType()).append('|').append(raster.crsWkt());
        for (int band = 0; band < raster.bandCount(); band++) {
            text.append('|').append(raster.noData(band));
        }
        return text.toString();
    }

    /**
     * Writes every band of {@code raster} to {@code target}; {@code progress} gets (tiles done,
     * tiles in all) after each tile, on the calling thread.
     *
     * @return {@link Written#REUSED} when an output kept by {@link #reuseOutputs} served instead
     */
    public Written write(Raster raster, Path target, BiConsumer<Integer, Integer> progress) {
        Footprint footprint = raster.footprint();
        int blockWidth = options.blockWidth() > 0 ? options.blockWidth() : 512;
        int blockHeight = options.blockHeight() > 0 ? options.blockHeight() : 512;
        List<Footprint> tiles = footprint.tile(blockWidth, blockHeight, 0, 0,
                io.tilework.raster.footprint.BoundaryEffect.SHRINK, io.tilework.raster.footprint.TileLocus.BOTTOM_RIGHT).tiles();
        Path absolute = target.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".part.tif");
        Path cogTemp = absolute.resolveSibling("." + absolute.getFileName() + ".part.cog.tif");
        String outputKey = outputs == null ? null : OutputCache.key(contentDescription(raster), formatDescription());
        try {
            Files.createDirectories(absolute.getParent());
            if (outputKey != null && outputs.linkTo(outputKey, temp)) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                progress.accept(tiles.size(), tiles.size());
                return Written.REUSED;
            }
            Files.deleteIfExists(temp);
            RasterSpec spec = new RasterSpec(footprint.width(), footprint.height(), raster.bandCount(), raster.dataType());
            try (RasterDataset out = RasterDataset.createGeoTiff(temp, spec, options)) {
                out.setGeoTransform(footprint.geoTransform());
                if (!raster.crsWkt().isEmpty()) {
                    try (SpatialReference srs = SpatialReference.fromWkt(raster.crsWkt())) {
                        out.setSpatialReference(srs);
                    }
                }
                for (int band = 0; band < raster.bandCount(); band++) {
                    int index = band;
                    raster.noData(band).ifPresent(value -> out.setNoData(index + 1, value));
                }
                int done = 0;
                try (ResultStream<Tile> stream = raster.queue(tiles, lookahead); Arena arena = Arena.ofConfined()) {
                    // one native buffer for every tile: no allocation (and zeroing) per write
                    MemorySegment buffer = arena.allocate(ValueLayout.JAVA_FLOAT, (long) blockWidth * blockHeight);
                    while (stream.hasNext()) {
                        Tile tile = stream.next();
                        PixelRect at = tile.footprint().sliceIn(footprint);
                        Window window = new Window(at.x(), at.y(), at.width(), at.height());
                        for (int band = 0; band < tile.bandCount(); band++) {
                            float[] values = tile.band(band);
                            MemorySegment.copy(values, 0, buffer, ValueLayout.JAVA_FLOAT, 0, values.length);
                            out.write(window, new int[] {band + 1}, DataType.FLOAT32, buffer.asSlice(0, 4L * values.length));
                        }
                        progress.accept(++done, tiles.size());
                    }
                }
                out.flush();
                if (cog) {
                    Files.deleteIfExists(cogTemp);
                    var cogOptions = new java.util.LinkedHashMap<String, String>(options.others());
                    if (options.compress() != null) {
                        cogOptions.put("COMPRESS", options.compress());
                    }
                    if (options.predictor() > 0) {
                        cogOptions.put("PREDICTOR", Integer.toString(options.predictor()));
                    }
                    cogOptions.put("BLOCKSIZE", Integer.toString(blockWidth));
                    out.copyTo("COG", cogTemp, Map.copyOf(cogOptions)).close();
                }
            }
            if (cog) {
                Files.move(cogTemp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.delete(temp);
            } else {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            if (outputKey != null) {
                outputs.keep(outputKey, absolute);
            }
            return Written.WRITTEN;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            deleteQuietly(cogTemp);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the failure being reported matters more than a stray temporary file
        }
    }
}
