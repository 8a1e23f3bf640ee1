package io.tilework.gdal.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.testkit.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("dataset pool: one handle per thread, bounded, LRU")
class DatasetPoolTest {

    private static final Path DEM = TestData.raster("lf_elev_220_mt_hood_utm.tif");
    private static final int STRIP = 64;

    @Test
    @DisplayName("two threads reading different windows through the pool give the checksums of a sequential read")
    void twoThreads_matchSequentialChecksums() throws Exception {
        List<Window> strips = new ArrayList<>();
        int width;
        int height;
        try (RasterDataset dataset = RasterDataset.open(DEM)) {
            width = dataset.width();
            height = dataset.height();
        }
        for (int y = 0; y < height; y += STRIP) {
            strips.add(new Window(0, y, width, Math.min(STRIP, height - y)));
        }
        int[] sequential = new int[strips.size()];
        try (RasterDataset dataset = RasterDataset.open(DEM)) {
            for (int i = 0; i < strips.size(); i++) {
                sequential[i] = Checksum.of(dataset, 1, strips.get(i));
            }
        }

        int[] parallel = new int[strips.size()];
        try (DatasetPool pool = new DatasetPool(2); ExecutorService threads = Executors.newFixedThreadPool(2)) {
            var start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int repeat = 0; repeat < 20; repeat++) {
                for (int i = 0; i < strips.size(); i++) {
                    int index = i;
                    done.add(threads.submit(() -> {
                        start.await();
                        try (var lease = pool.borrow(DEM)) {
                            parallel[index] = Checksum.of(lease.dataset(), 1, strips.get(index));
                        }
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(2, TimeUnit.MINUTES);
            }
            assertTrue(pool.openHandles() <= 2, "open handles " + pool.openHandles());
        }
        assertArrayEquals(sequential, parallel);
    }

    @Test
    void borrow_reusesIdleHandleAndNeverLendsOneTwice() throws Exception {
        try (DatasetPool pool = new DatasetPool(4)) {
            RasterDataset first;
            try (var lease = pool.borrow(DEM)) {
                first = lease.dataset();
            }
            try (var a = pool.borrow(DEM); var b = pool.borrow(DEM)) {
                assertSame(first, a.dataset(), "an idle handle is reused");
                assertNotSame(a.dataset(), b.dataset(), "a lent handle is not lent again");
                assertEquals(2, pool.openHandles());
            }
        }
    }

    @Test
    void atTheBound_leastRecentlyUsedIdleHandleIsClosed() throws Exception {
        Path other = TestData.raster("byte.tif");
        try (DatasetPool pool = new DatasetPool(1)) {
            RasterDataset dem;
            try (var lease = pool.borrow(DEM)) {
                dem = lease.dataset();
            }
            try (var lease = pool.borrow(other)) {
                assertEquals(20, lease.dataset().width());
                assertTrue(dem.isClosed(), "the idle DEM handle made room");
                assertEquals(1, pool.openHandles());
            }
        }
    }

    @Test
    void returnedLease_cannotBeUsed() throws Exception {
        try (DatasetPool pool = new DatasetPool(1)) {
            var lease = pool.borrow(DEM);
            lease.close();
            lease.close();
            assertThrows(IllegalStateException.class, lease::dataset);
        }
    }

    @Test
    void failedOpen_releasesItsSlot() throws Exception {
        try (DatasetPool pool = new DatasetPool(1)) {
            assertThrows(io.tilework.gdal.GdalException.class, () -> pool.borrow(Path.of("missing.tif")));
            assertEquals(0, pool.openHandles());
            try (var lease = pool.borrow(DEM)) {
                assertEquals(1013, lease.dataset().width());
            }
        }
    }
}
