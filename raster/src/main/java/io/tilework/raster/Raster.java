package io.tilework.raster;

import io.tilework.engine.ResultStream;
import io.tilework.engine.Task;
import io.tilework.engine.TaskFailedException;
import io.tilework.gdal.raster.DataType;
import io.tilework.raster.footprint.Footprint;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

/**
 * A georeferenced raster whose pixels are produced on request: read from a file, or computed by
 * a recipe. Requests name a footprint on the raster's grid (parts outside the raster come back as
 * nodata) and bands by 0-based index, in any order, repeats allowed; results of a query come in
 * request order. Tiles may be shared by every consumer of the same pixels: treat them as
 * read-only.
 */
public interface Raster {

    RasterSession session();

    Footprint footprint();

    int bandCount();

    /** The type of the raster's values, which its tiles hold (see {@link Tile}). */
    DataType dataType();

    /** Band {@code band}'s nodata value (0-based band index), if it has one. */
    OptionalDouble noData(int band);

    /** The coordinate reference system as WKT, or "" when the raster has none. */
    String crsWkt();

    /** A stable description of what this raster is, part of the key of everything computed from it. */
    String identity();

    /**
     * The engine task that reads or computes {@code bands} over {@code footprint}, which lies on
     * this raster's grid (any extent: parts outside the raster are nodata). Implementations
     * provide this; callers use {@link #task}, which also serves other grids.
     */
    Task<Tile> gridTask(Footprint footprint, int[] bands);

    /** The engine task that produces {@code bands} over {@code footprint}, nearest-neighbour on another grid. */
    default Task<Tile> task(Footprint footprint, int[] bands) {
        return task(footprint, bands, Interpolation.NEAREST, OptionalDouble.empty());
    }

    /**
     * The engine task that produces {@code bands} over {@code footprint}: on this raster's grid or
     * on another grid of the same CRS, resampled with {@code interpolation} (nodata is never
     * interpolated into data); pixels with no data get {@code destinationNoData}, by default each
     * band's own nodata (or 0).
     */
    default Task<Tile> task(Footprint footprint, int[] bands, Interpolation interpolation, OptionalDouble destinationNoData) {
        return Resampling.task(this, footprint, bands, interpolation, destinationNoData);
    }

    /** Every band, in order. */
    default int[] allBands() {
        return IntStream.range(0, bandCount()).toArray();
    }

    /** What fills pixels with no data: each band's nodata, or 0. */
    default double[] fillValues(int[] bands) {
        double[] fill = new double[bands.length];
        for (int i = 0; i < bands.length; i++) {
            fill[i] = noData(bands[i]).orElse(0);
        }
        return fill;
    }

    /** The pixels of every band over {@code footprint}. */
    default Tile get(Footprint footprint) {
        return get(footprint, allBands());
    }

    /**
     * The pixels of {@code bands} over {@code footprint}, computed now if need be.
     *
     * @throws TaskFailedException if computing them failed (the cause is the original exception)
     */
    default Tile get(Footprint footprint, int... bands) {
        return get(footprint, QueryOptions.lookahead(1), bands);
    }

    /** The pixels of {@code bands} (all when none) over {@code footprint}, resampled and filled as {@code options} say. */
    default Tile get(Footprint footprint, QueryOptions options, int... bands) {
        int[] selected = bands.length == 0 ? allBands() : bands;
        Task<Tile> task = task(footprint, selected, options.interpolation(), options.destinationNoData());
        try {
            return session().engine().submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for " + footprint);
        }
    }

    /**
     * The tiles of {@code footprints} in order, at most {@code lookahead} of them computed ahead
     * of the consumer; closing the stream cancels what nobody else needs.
     */
    default ResultStream<Tile> queue(List<Footprint> footprints, int lookahead, int... bands) {
        return queue(footprints, QueryOptions.lookahead(lookahead), bands);
    }

    /**
     * The tiles of {@code footprints} (on any grid of the raster's CRS) in order, with the
     * lookahead, interpolation and destination nodata of {@code options}; closing the stream
     * cancels what nobody else needs.
     */
    default ResultStream<Tile> queue(List<Footprint> footprints, QueryOptions options, int... bands) {
        int[] selected = bands.length == 0 ? allBands() : bands;
        List<Task<Tile>> tasks = footprints.stream()
                .map(footprint -> task(footprint, selected, options.interpolation(), options.destinationNoData())).toList();
        return session().engine().stream(tasks, options.lookahead());
    }

    /** {@link #queue} with the session's default lookahead (twice the cores). */
    default ResultStream<Tile> iter(List<Footprint> footprints, int... bands) {
        return queue(footprints, session().defaultLookahead(), bands);
    }
}
