package io.tilework.gdal.raster;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Read-only raster handles shared between threads, one thread per handle at a time.
 *
 * <p>GDAL dataset handles are not thread-safe (GDAL 3.6 corrupts reads when two threads use one),
 * and opening a file for every read is slow. The pool keeps idle handles per file and lends each
 * to one borrower at a time. At most {@code maxOpenHandles} handles are open over all files:
 * when the bound is reached, the least recently used idle handle is closed to make room, and
 * when every handle is lent out, {@link #borrow} waits for one to come back.
 *
 * <pre>{@code
 * try (var lease = pool.borrow(path)) {
 *     lease.dataset().read(window, 1, DataType.FLOAT32, pixels);
 * }
 * }</pre>
 */
public final class DatasetPool implements AutoCloseable {

    private final int maxOpenHandles;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition returned = lock.newCondition();
    // @GuardedBy("lock")
    private final Map<Path, Deque<RasterDataset>> idleByFile = new HashMap<>();
    // @GuardedBy("lock"), in least-recently-returned order
    private final LinkedHashMap<RasterDataset, Path> idleInLruOrder = new LinkedHashMap<>();
    // @GuardedBy("lock"): idle plus lent, plus those being opened
    private int openHandles;
    // @GuardedBy("lock")
    private boolean closed;

    public DatasetPool(int maxOpenHandles) {
        if (maxOpenHandles < 1) {
            throw new IllegalArgumentException("maxOpenHandles must be at least 1: " + maxOpenHandles);
        }
        this.maxOpenHandles = maxOpenHandles;
    }

    /** A handle on {@code file} for the calling thread's exclusive use until the lease closes. */
    public Lease borrow(Path file) throws InterruptedException {
        Path key = file.toAbsolutePath().normalize();
        RasterDataset evicted = null;
        lock.lockInterruptibly();
        try {
            while (true) {
                checkOpen();
                Deque<RasterDataset> idle = idleByFile.get(key);
                if (idle != null && !idle.isEmpty()) {
                    RasterDataset dataset = idle.pop();
                    idleInLruOrder.remove(dataset);
                    return new Lease(this, key, dataset);
                }
                if (openHandles < maxOpenHandles) {
                    openHandles++;
                    break;
                }
                if (!idleInLruOrder.isEmpty()) {
                    evicted = evictEldest();
                    openHandles++; // the evicted handle's slot goes to the one about to open
                    break;
                }
                returned.await();
            }
        } finally {
            lock.unlock();
        }
        if (evicted != null) {
            try {
                evicted.close();
            } catch (RuntimeException | Error e) {
                releaseSlot();
                throw e;
            }
        }
        return openOutsideLock(key);
    }

    /** Handles open now, idle or lent. */
    public int openHandles() {
        lock.lock();
        try {
            return openHandles;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes idle handles now; lent ones close when their lease ends. Every idle handle is closed
     * even when one fails; the first failure is thrown with the others suppressed.
     */
    @Override
    public void close() {
        List<RasterDataset> idle;
        lock.lock();
        try {
            closed = true;
            idle = new ArrayList<>(idleInLruOrder.keySet());
            openHandles -= idle.size();
            idleInLruOrder.clear();
            idleByFile.clear();
            returned.signalAll();
        } finally {
            lock.unlock();
        }
        RuntimeException failure = null;
        for (RasterDataset dataset : idle) {
            try {
                dataset.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private Lease openOutsideLock(Path key) {
        try {
            return new Lease(this, key, RasterDataset.open(key));
        } catch (RuntimeException | Error e) {
            releaseSlot();
            throw e;
        }
    }

    /** Gives back a slot reserved for a handle that did not open. */
    private void releaseSlot() {
        lock.lock();
        try {
            openHandles--;
            returned.signal();
        } finally {
            lock.unlock();
        }
    }

    private RasterDataset evictEldest() {
        var eldest = idleInLruOrder.pollFirstEntry();
        idleByFile.get(eldest.getValue()).remove(eldest.getKey());
        openHandles--;
        return eldest.getKey();
    }

    private void giveBack(Path key, RasterDataset dataset) {
        lock.lock();
        try {
            if (closed) {
                openHandles--;
                dataset.close();
            } else {
                idleByFile.computeIfAbsent(key, k -> new ArrayDeque<>()).push(dataset);
                idleInLruOrder.put(dataset, key);
            }
            returned.signal();
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("dataset pool is closed");
        }
    }

    /** One borrowed handle; closing the lease returns it to the pool (once). */
    public static final class Lease implements AutoCloseable {
        private final DatasetPool pool;
        private final Path file;
        private RasterDataset dataset;

        private Lease(DatasetPool pool, Path file, RasterDataset dataset) {
            this.pool = pool;
            this.file = file;
            this.dataset = dataset;
        }

        /** The lent handle; do not keep it beyond the lease, another thread may get it next. */
        public RasterDataset dataset() {
            if (dataset == null) {
                throw new IllegalStateException("lease on " + file + " was returned");
            }
            return dataset;
        }

        @Override
        public void close() {
            if (dataset != null) {
                RasterDataset returning = dataset;
                dataset = null;
                pool.giveBack(file, returning);
            }
        }
    }
}
