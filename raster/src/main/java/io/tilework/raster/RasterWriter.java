package io.tilework.raster;

import io.tilework.engine.ResultStream;
import io.tilework.engine.io.AtomicFile;
import io.tilework.engine.io.Leftovers;
import io.tilework.gdal.Gdal;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.GeoTiffOptions;
import io.tilework.gdal.raster.PixelArrays;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Streams a raster into a GeoTIFF or a COG, tile by tile in file order, with memory bounded by
 * the lookahead. The file appears under its name only when complete ({@link AtomicFile}): it is
 * written next to it under a temporary name unique to this write and renamed at the end, so a
 * failure or a kill leaves no partial output, two runs writing one output at once both succeed
 * (the last to finish wins), and a full disk is reported as
 * {@link io.tilework.engine.failure.DiskFull}. Temporary outputs of killed runs in the output's
 * folder are removed first ({@link Leftovers}).
 */
public final class RasterWriter {

    /** Bump when a change here changes the bytes written: outputs kept by an older version are then not reused. */
    private static final int FORMAT_VERSION = 1;
    /** How much of an output is written between two early write-backs. */
    private static final long WRITE_BACK_BYTES = 32L << 20;

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
        String outputKey = outputs == null ? null : OutputCache.key(contentDescription(raster), formatDescription());
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of " + target + ": " + e.getMessage(), e);
        }
        Leftovers.sweep(absolute.getParent()); // temporary outputs of killed runs
        try (AtomicFile file = AtomicFile.begin(absolute)) {
            try {
                if (outputKey != null && outputs.linkTo(outputKey, file.path())) {
                    file.commit();
                    progress.accept(tiles.size(), tiles.size());
                    return Written.REUSED;
                }
                if (cog) {
                    // GDAL's COG driver copies from a finished dataset: the tiles go to a second temporary file first
                    try (AtomicFile tiled = AtomicFile.begin(absolute)) {
                        try (RasterDataset out = writeTiles(raster, tiles, tiled.path(), blockWidth, blockHeight, progress, () -> { })) {
                            out.copyTo("COG", file.path(), cogOptions(blockWidth)).close();
                        } catch (RuntimeException e) {
                            tiled.failIfDiskFull(e); // measured while both temporary files still take their space
                            throw e;
                        }
                    }
                } else {
                    writeTiles(raster, tiles, file.path(), blockWidth, blockHeight, progress, file::startWriteBack).close();
                }
                file.commit();
            } catch (IOException e) {
                file.failIfDiskFull(e);
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                file.failIfDiskFull(e);
                throw e;
            }
        } catch (IOException e) { // from creating the temporary file's folder
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        if (outputKey != null) {
            outputs.keep(outputKey, absolute);
        }
        return Written.WRITTEN;
    }

    /**
     * Writes every tile to a new GeoTIFF at {@code path}, flushed; the caller closes it. Every
     * {@value #WRITE_BACK_BYTES} bytes, GDAL's dirty blocks go to the file and {@code writeBack}
     * runs (the output's early write-back, so that its final fsync has little left).
     */
    private RasterDataset writeTiles(Raster raster, List<Footprint> tiles, Path path, int blockWidth, int blockHeight,
            BiConsumer<Integer, Integer> progress, Runnable writeBack) {
        Footprint footprint = raster.footprint();
        RasterSpec spec = new RasterSpec(footprint.width(), footprint.height(), raster.bandCount(), raster.dataType());
        RasterDataset out = RasterDataset.createGeoTiff(path, spec, options);
        try {
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
            long sinceWriteBack = 0;
            try (ResultStream<Tile> stream = raster.queue(tiles, lookahead); Arena arena = Arena.ofConfined()) {
                // one native buffer for every tile: no allocation (and zeroing) per write
                DataType type = raster.dataType();
                MemorySegment buffer = arena.allocate((long) type.bytes() * blockWidth * blockHeight, 8);
                while (stream.hasNext()) {
                    Tile tile = stream.next().as(type);
                    PixelRect at = tile.footprint().sliceIn(footprint);
                    Window window = new Window(at.x(), at.y(), at.width(), at.height());
                    for (int band = 0; band < tile.bandCount(); band++) {
                        // the tile holds the raster's own type: written as it is, no conversion
                        MemorySegment values = PixelArrays.segment(tile.values(band));
                        MemorySegment.copy(values, 0, buffer, 0, values.byteSize());
                        out.write(window, new int[] {band + 1}, type, buffer.asSlice(0, values.byteSize()));
                    }
                    progress.accept(++done, tiles.size());
                    sinceWriteBack += tile.byteCount();
                    if (sinceWriteBack >= WRITE_BACK_BYTES) {
                        out.flush();
                        writeBack.run();
                        sinceWriteBack = 0;
                    }
                }
            }
            out.flush();
            return out;
        } catch (RuntimeException e) {
            try {
                out.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private Map<String, String> cogOptions(int blockWidth) {
        var cogOptions = new java.util.LinkedHashMap<String, String>(options.others());
        if (options.compress() != null) {
            cogOptions.put("COMPRESS", options.compress());
        }
        if (options.predictor() > 0) {
            cogOptions.put("PREDICTOR", Integer.toString(options.predictor()));
        }
        cogOptions.put("BLOCKSIZE", Integer.toString(blockWidth));
        return Map.copyOf(cogOptions);
    }
}
