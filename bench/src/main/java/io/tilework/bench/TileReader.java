package io.tilework.bench;

import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.DatasetPool;
import io.tilework.gdal.raster.Resampling;
import io.tilework.gdal.raster.Window;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Collections;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Reads a whole raster through the binding, tile window by tile window, on one or more threads.
 *
 * <p>Each thread borrows its own dataset handle from a {@link DatasetPool} (a handle serves one
 * thread at a time) and reads into one native buffer it allocates once. Threads take the next
 * unread tile from a shared counter, so a thread that meets cheap tiles (e.g. nodata) simply
 * reads more of them.
 */
final class TileReader implements AutoCloseable {

    /** Called with each tile's pixels, band-sequential in the read type, while the buffer is valid. */
    @FunctionalInterface
    interface TileSink {
        void accept(int tile, Window window, MemorySegment pixels);
    }

    static final TileSink DISCARD = (tile, window, pixels) -> { };

    private final Path file;
    private final TileGrid grid;
    private final int[] bands;
    private final DataType type;
    private final ExecutorService workers;

    /**
     * @param type the type to read in; the file's own type, so that GDAL converts nothing
     * @param maxThreads the most threads any {@link #read} will use; they are started once, here
     */
    TileReader(Path file, TileGrid grid, int bandCount, DataType type, int maxThreads) {
        this.file = file;
        this.grid = grid;
        this.bands = IntStream.rangeClosed(1, bandCount).toArray();
        this.type = type;
        // Platform threads: a virtual thread would pin its carrier during every native call anyway.
        this.workers = Executors.newFixedThreadPool(maxThreads, Thread.ofPlatform().name("tile-reader-", 1).factory());
    }

    /**
     * Opens the file once per thread, reads every tile exactly once, closes the handles, and
     * returns the wall time of all that in nanoseconds.
     *
     * <p>A fresh pool, hence fresh handles, every time: closing a dataset drops its blocks from
     * GDAL's cache, so no run can be served from blocks a previous run decoded.
     */
    long read(int threads, TileSink sink) throws InterruptedException, ExecutionException {
        var next = new AtomicInteger();
        long start = System.nanoTime();
        try (var pool = new DatasetPool(threads)) {
            Callable<Void> task = () -> {
                readTiles(pool, next, sink);
                return null;
            };
            for (Future<Void> done : workers.invokeAll(Collections.nCopies(threads, task))) {
                done.get();
            }
        }
        return System.nanoTime() - start;
    }

    private void readTiles(DatasetPool pool, AtomicInteger next, TileSink sink) throws InterruptedException {
        try (var lease = pool.borrow(file); var arena = Arena.ofConfined()) {
            var dataset = lease.dataset();
            MemorySegment buffer = arena.allocate(grid.pixelsPerTile() * bands.length * type.bytes(), 64);
            for (int tile = next.getAndIncrement(); tile < grid.count(); tile = next.getAndIncrement()) {
                Window window = grid.window(tile);
                dataset.read(window, bands, type, buffer, window.width(), window.height(), Resampling.NEAREST);
                sink.accept(tile, window, buffer);
            }
        }
    }

    @Override
    public void close() {
        workers.close();
    }
}
