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
 * request order.
 */
public interface Raster {

    RasterSession session();

    Footprint footprint();

    int bandCount();

    /** The type values are stored in (tiles hold them as floats; see {@link Tile}). */
    DataType dataType();

    /** Band {@code band}'s nodata value (0-based band index), if it has one. */
    OptionalDouble noData(int band);

    /** The coordinate reference system as WKT, or "" when the raster has none. */
    String crsWkt();

    /** A stable description of what this raster is, part of the key of everything computed from it. */
    String identity();

    /** The engine task that produces {@code bands} over {@code footprint}. */
    Task<Tile> task(Footprint footprint, int[] bands);

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
        try {
            return session().engine().submit(task(footprint, bands)).get();
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
        int[] selected = bands.length == 0 ? allBands() : bands;
        List<Task<Tile>> tasks = footprints.stream().map(footprint -> task(footprint, selected)).toList();
        return session().engine().stream(tasks, lookahead);
    }

    /** {@link #queue} with the session's default lookahead (twice the cores). */
    default ResultStream<Tile> iter(List<Footprint> footprints, int... bands) {
        return queue(footprints, session().defaultLookahead(), bands);
    }
}
