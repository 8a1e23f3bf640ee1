package io.tilework.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.Engine;
import io.tilework.engine.ResultStream;
import io.tilework.engine.TaskFailedException;
import io.tilework.gdal.Gdal;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.GeoTransform;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.Window;
import io.tilework.raster.footprint.Footprint;
import io.tilework.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * buzzard's acceptance scenarios for cached recipes, on a real 3-band raster: the recipe sums
 * each band over a 3 x 3 neighbourhood (pixels outside the raster count as its nodata, 0), and
 * the reference is the same sum computed directly from the whole file.
 */
@Timeout(120)
@DisplayName("recipes: lazy, cached, shared, isolated failures")
class RecipeTest {

    private static final Path RGB = TestData.raster("RGB.byte.tif");
    private static float[][] source;
    private static int width;
    private static int height;
    private static Footprint grid;

    @TempDir
    Path cache;

    @BeforeAll
    static void readWholeFile() {
        Gdal.initialize();
        try (RasterDataset dataset = RasterDataset.open(RGB)) {
            width = dataset.width();
            height = dataset.height();
            source = new float[3][width * height];
            grid = Footprint.of(dataset.geoTransform().orElseThrow(), width, height);
            for (int b = 0; b < 3; b++) {
                dataset.read(Window.of(width, height), b + 1, DataType.FLOAT32, source[b]);
            }
        }
    }

    private static float reference(int band, int x, int y) {
        float sum = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int sx = x + dx;
                int sy = y + dy;
                if (sx >= 0 && sy >= 0 && sx < width && sy < height) {
                    sum += source[band][sy * width + sx];
                }
            }
        }
        return sum;
    }

    /** The 3 x 3 sum recipe; counts computation tiles and per-pixel computations. */
    private static Recipe sum3x3(RasterSession session, Path directory, AtomicInteger tiles, AtomicIntegerArray pixels,
                                 boolean failIfCalled, boolean overwrite) {
        FileRaster rgb = session.open(RGB);
        var builder = session.recipe("test.sum3x3", 1).bands(3).noData(0).input("rgb", rgb, f -> f.dilate(1))
                .computationTiles(128).cacheTiles(128).overwrite(overwrite);
        if (directory != null) {
            builder.cache(directory);
        }
        return builder.compute(request -> {
            if (failIfCalled) {
                throw new AssertionError("computed " + request.footprint() + " although it is cached");
            }
            tiles.incrementAndGet();
            Tile in = request.input("rgb");
            Footprint out = request.footprint();
            var at = out.sliceIn(rgb.footprint());
            float[][] bands = new float[3][Math.toIntExact(out.pixelCount())];
            for (int b = 0; b < 3; b++) {
                for (int y = 0; y < out.height(); y++) {
                    for (int x = 0; x < out.width(); x++) {
                        float s = 0;
                        for (int dy = 0; dy < 3; dy++) {
                            for (int dx = 0; dx < 3; dx++) {
                                s += in.get(b, x + dx, y + dy);
                            }
                        }
                        bands[b][y * out.width() + x] = s;
                        if (b == 0 && pixels != null) {
                            pixels.incrementAndGet((at.y() + y) * width + at.x() + x);
                        }
                    }
                }
            }
            return bands;
        });
    }

    private static void assertMatchesReference(Tile tile, int[] bands) {
        var at = tile.footprint().sliceIn(grid);
        for (int i = 0; i < bands.length; i++) {
            for (int y = 0; y < tile.height(); y++) {
                for (int x = 0; x < tile.width(); x++) {
                    int gx = at.x() + x;
                    int gy = at.y() + y;
                    float expected = gx >= 0 && gy >= 0 && gx < width && gy < height ? reference(bands[i], gx, gy) : 0;
                    if (tile.get(i, x, y) != expected) {
                        throw new AssertionError("band " + bands[i] + " pixel " + gx + "," + gy + ": " + tile.get(i, x, y)
                                + " != " + expected);
                    }
                }
            }
        }
    }

    private static Map<String, FileTime> tileFiles(Path directory) throws IOException {
        var files = new TreeMap<String, FileTime>();
        if (Files.isDirectory(directory.resolve("tiles"))) {
            try (Stream<Path> walk = Files.walk(directory.resolve("tiles"))) {
                for (Path p : walk.filter(p -> p.toString().endsWith(".chunk")).toList()) {
                    files.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
                }
            }
        }
        return files;
    }

    private static List<Footprint> requests(Recipe recipe, int size) {
        return recipe.footprint().tile(size).tiles();
    }

    @Test
    @DisplayName("an input of chosen bands: the tile function gets those, in that order, and only those are read")
    void inputOfChosenBands_getsThoseOnly() {
        try (RasterSession session = RasterSession.create()) {
            FileRaster rgb = session.open(RGB);
            Recipe blueThenRed = session.recipe("test.bands", 1).bands(2).input("rgb", rgb, f -> f, 2, 0)
                    .compute(request -> {
                        Tile in = request.input("rgb");
                        assertEquals(2, in.bandCount(), "the two bands chosen, not the raster's three");
                        return new float[][] {in.floats(0), in.floats(1)};
                    });
            Footprint part = grid.subGrid(300, 200, 40, 30);
            Tile tile = blueThenRed.get(part);
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    assertEquals(source[2][(200 + y) * width + 300 + x], tile.get(0, x, y));
                    assertEquals(source[0][(200 + y) * width + 300 + x], tile.get(1, x, y));
                }
            }
            assertThrows(IllegalArgumentException.class, () -> session.recipe("test.nothing", 1).input("rgb", rgb, f -> f, 3));
            assertNotEquals(blueThenRed.identity(), session.recipe("test.bands", 1).bands(2).input("rgb", rgb, f -> f, 0, 2)
                    .compute(request -> null).identity(), "the bands read are part of the identity");
        }
    }

    @Test
    @DisplayName("scenarios 1-4: lazy creation, full read, cached reopen, overwrite")
    void createReadReopenOverwrite() throws Exception {
        var computed = new AtomicInteger();
        try (RasterSession session = RasterSession.create()) {
            Recipe recipe = sum3x3(session, cache, computed, null, false, false);
            assertEquals(0, computed.get(), "creating a recipe computes nothing");
            assertTrue(tileFiles(cache).isEmpty(), "creating a recipe writes no tile");

            try (ResultStream<Tile> tiles = recipe.queue(requests(recipe, 200), 4)) {
                while (tiles.hasNext()) {
                    assertMatchesReference(tiles.next(), new int[] {0, 1, 2});
                }
            }
            assertEquals(recipe.cacheTiles().size(), computed.get(), "each cache tile computed once");
            assertEquals(recipe.cacheTiles().size(), tileFiles(cache).size());
        }
        Map<String, FileTime> written = tileFiles(cache);
        assertTrue(!written.isEmpty(), "the cache holds tiles");

        try (RasterSession session = RasterSession.create()) {
            Recipe reopened = sum3x3(session, cache, computed, null, true, false);
            assertMatchesReference(reopened.get(reopened.footprint()), new int[] {0, 1, 2});
            assertEquals(reopened.cacheTiles().size(), session.stores().hits());
        }
        assertEquals(written, tileFiles(cache), "reading from the cache leaves its files untouched");

        // Age the files by an hour, so that a rewrite shows in the modification times however coarse they are.
        for (Map.Entry<String, FileTime> file : written.entrySet()) {
            try (Stream<Path> walk = Files.walk(cache.resolve("tiles"))) {
                for (Path p : walk.filter(p -> p.getFileName().toString().equals(file.getKey())).toList()) {
                    Files.setLastModifiedTime(p, FileTime.from(file.getValue().toInstant().minusSeconds(3600)));
                }
            }
        }
        written = tileFiles(cache);
        var recomputed = new AtomicInteger();
        try (RasterSession session = RasterSession.create()) {
            Recipe overwritten = sum3x3(session, cache, recomputed, null, false, true);
            assertMatchesReference(overwritten.get(overwritten.footprint()), new int[] {0, 1, 2});
            assertEquals(overwritten.cacheTiles().size(), recomputed.get());
        }
        Map<String, FileTime> rewritten = tileFiles(cache);
        assertEquals(written.keySet(), rewritten.keySet(), "overwrite rewrites the same file names");
        for (String file : written.keySet()) {
            assertTrue(rewritten.get(file).compareTo(written.get(file)) > 0, file + " was rewritten");
        }
    }

    @Test
    @DisplayName("scenario 6 and 11: ten concurrent iterators; every pixel computed exactly once, also with other computation tiles")
    void concurrentIterators_computeEachPixelOnce() throws Exception {
        for (int computeSize : new int[] {128, 11, 22}) {
            var pixels = new AtomicIntegerArray(width * height);
            var tilesComputed = new AtomicInteger();
            Path directory = cache.resolve("c" + computeSize);
            try (RasterSession session = RasterSession.create()) {
                FileRaster rgb = session.open(RGB);
                Recipe base = sum3x3(session, directory, tilesComputed, pixels, false, false);
                Recipe recipe = computeSize == 128 ? base : session.recipe("test.copy", 1).bands(3).noData(0)
                        .input("in", base).computationTiles(computeSize).cacheTiles(64).cache(cache.resolve("copy" + computeSize))
                        .compute(request -> request.input("in").floats());
                var errors = new CopyOnWriteArrayList<Throwable>();
                var threads = new ArrayList<Thread>();
                for (int t = 0; t < 10; t++) {
                    int seed = t;
                    threads.add(Thread.ofPlatform().start(() -> {
                        List<Footprint> order = new ArrayList<>(requests(recipe, 150));
                        java.util.Collections.shuffle(order, new java.util.Random(seed));
                        try (ResultStream<Tile> tiles = recipe.queue(order, 3)) {
                            while (tiles.hasNext()) {
                                assertMatchesReference(tiles.next(), new int[] {0, 1, 2});
                            }
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    }));
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                assertTrue(errors.isEmpty(), errors.toString());
            }
            for (int i = 0; i < width * height; i++) {
                assertEquals(1, pixels.get(i), "pixel " + i + " computed " + pixels.get(i) + " times (computation tiles "
                        + computeSize + ")");
            }
        }
    }

    @Test
    @DisplayName("scenario 9: a corrupt cache file is recomputed, the others are read; all corrupt, every request still correct")
    void corruptTile_isRecomputed() throws Exception {
        var computed = new AtomicInteger();
        try (RasterSession session = RasterSession.create()) {
            Recipe recipe = sum3x3(session, cache, computed, null, false, false);
            recipe.get(recipe.footprint());
        }
        Path victim;
        try (Stream<Path> walk = Files.walk(cache.resolve("tiles"))) {
            victim = walk.filter(p -> p.toString().endsWith(".chunk")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(victim);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(victim, bytes);
        var recomputed = new AtomicInteger();
        try (RasterSession session = RasterSession.create()) {
            Recipe recipe = sum3x3(session, cache, recomputed, null, false, false);
            assertMatchesReference(recipe.get(recipe.footprint()), new int[] {0, 1, 2});
            assertEquals(1, recomputed.get(), "only the corrupt tile is recomputed");
            assertEquals(1, session.stores().corrupt());
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(cache.resolve("tiles"))) {
            all = walk.filter(p -> p.toString().endsWith(".chunk")).toList();
        }
        for (Path file : all) {
            Files.write(file, new byte[] {1, 2, 3}); // truncated to garbage
        }
        var allRecomputed = new AtomicInteger();
        try (RasterSession session = RasterSession.create()) {
            Recipe recipe = sum3x3(session, cache, allRecomputed, null, false, false);
            for (Footprint request : requests(recipe, 100)) {
                assertMatchesReference(recipe.get(request), new int[] {0, 1, 2});
            }
            assertEquals(all.size(), allRecomputed.get(), "every corrupt tile recomputed once");
            assertEquals(all.size(), session.stores().corrupt());
        }
    }

    @Test
    @DisplayName("scenario 10: band selections, with reordering and repeats")
    void bandSelections() {
        try (RasterSession session = RasterSession.create()) {
            Recipe recipe = sum3x3(session, null, new AtomicInteger(), null, false, false);
            Footprint part = recipe.footprint().subGrid(700, 600, 150, 150); // reaches past the bottom-right corner
            for (int[] bands : new int[][] {{0}, {1}, {0, 1, 2}, {0, 1}, {1, 0}, {1, 0, 1}}) {
                Tile tile = recipe.get(part, bands);
                assertEquals(bands.length, tile.bandCount());
                assertMatchesReference(tile, bands);
            }
            Tile outside = recipe.get(recipe.footprint().subGrid(-500, -500, 20, 20));
            assertArrayEquals(new float[400], outside.floats(0), "fully outside: all nodata");
            assertThrows(IndexOutOfBoundsException.class, () -> recipe.get(part, 3));
        }
    }

    @Test
    @DisplayName("scenario 13: a failing tile fails its requests only; the rest goes on")
    void failure_isIsolated() {
        try (RasterSession session = RasterSession.create()) {
            FileRaster rgb = session.open(RGB);
            Recipe broken = session.recipe("test.broken", 1).input("rgb", rgb).computationTiles(100).noData(0)
                    .compute(request -> {
                        if (request.footprint().sliceIn(rgb.footprint()).x() == 100) {
                            throw new ArithmeticException("bad tile");
                        }
                        return new float[][] {request.input("rgb").floats(0)};
                    });
            List<Footprint> requests = broken.footprint().tile(100).tiles().subList(0, 4);
            try (ResultStream<Tile> tiles = broken.queue(requests, 2)) {
                tiles.next();
                var failure = assertThrows(TaskFailedException.class, tiles::next);
                assertInstanceOf(ArithmeticException.class, failure.getCause());
                tiles.next();
                tiles.next();
                assertFalse(tiles.hasNext());
            }
            assertEquals(source[0][5], rgb.get(rgb.footprint().subGrid(5, 0, 1, 1)).floats(0)[0], "other rasters still work");
        }
    }

    @Test
    @DisplayName("scenario 5: requests on other grids, outside and half outside equal a reference raster's answers")
    void otherGrids_equalReference() {
        float[][] sums = new float[3][width * height];
        for (int b = 0; b < 3; b++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    sums[b][y * width + x] = reference(b, x, y);
                }
            }
        }
        try (RasterSession session = RasterSession.create()) {
            Recipe recipe = sum3x3(session, cache, new AtomicInteger(), null, false, false);
            MemoryRaster expected = session.memory(new Tile(grid, sums), OptionalDouble.of(0), recipe.crsWkt());
            var gt = grid.geoTransform();
            double pixel = gt.pixelWidth();
            double[] origin = grid.rasterToSpatial(300, 200);
            List<Footprint> requests = List.of(
                    // 2x up-sampled, inside
                    Footprint.of(new GeoTransform(origin[0], pixel / 2, 0, origin[1], 0, -pixel / 2), 160, 120),
                    // fully outside
                    Footprint.of(new GeoTransform(gt.originX() - 1000 * pixel, pixel / 2, 0, gt.originY(), 0, -pixel / 2), 50, 50),
                    // half outside, on another grid (1.5x pixels, shifted by a third of a pixel)
                    Footprint.of(new GeoTransform(gt.originX() - 100.33 * pixel, pixel * 1.5, 0, gt.originY() - 20.33 * gt.pixelHeight(),
                            0, gt.pixelHeight() * 1.5), 140, 100),
                    // the same grid, half outside
                    grid.subGrid(width - 60, height - 40, 120, 80));
            for (Interpolation interpolation : Interpolation.values()) {
                QueryOptions options = QueryOptions.lookahead(2).withInterpolation(interpolation);
                for (Footprint request : requests) {
                    assertEquals(expected.get(request, options), recipe.get(request, options), interpolation + " " + request);
                }
                try (ResultStream<Tile> fromRecipe = recipe.queue(requests, options);
                     ResultStream<Tile> fromReference = expected.queue(requests, options.withDestinationNoData(-1))) {
                    while (fromRecipe.hasNext()) {
                        Tile tile = fromRecipe.next();
                        Tile other = fromReference.next();
                        for (int b = 0; b < 3; b++) {
                            for (int i = 0; i < tile.floats(b).length; i++) {
                                float value = tile.floats(b)[i];
                                assertEquals(value == 0 ? -1 : value, other.floats(b)[i], "destination nodata replaces nodata only");
                            }
                        }
                    }
                }
            }
            Tile outside = recipe.get(requests.get(1));
            assertArrayEquals(new float[2500], outside.floats(2), "fully outside: all nodata");
        }
    }

    /** A recipe over RGB.byte.tif (band 0 copied) in 100-pixel tiles that counts each tile it computes and waits at a gate for some. */
    private static Recipe gatedCopy(RasterSession session, Map<Footprint, AtomicInteger> computed, java.util.Set<Footprint> gated,
                                    java.util.concurrent.CountDownLatch gate) {
        FileRaster rgb = session.open(RGB);
        return session.recipe("test.gated", 1).input("rgb", rgb).computationTiles(100).noData(0).compute(request -> {
            if (gated.contains(request.footprint())) {
                gate.await();
            }
            computed.computeIfAbsent(request.footprint(), f -> new AtomicInteger()).incrementAndGet();
            return new float[][] {request.input("rgb").floats(0)};
        });
    }

    @Test
    @DisplayName("scenario 7: iterators dropped consumed, ready and half ready compute nothing more; a later get works")
    void droppedIterators_stopComputing() throws Exception {
        var computed = new java.util.concurrent.ConcurrentHashMap<Footprint, AtomicInteger>();
        var gate = new java.util.concurrent.CountDownLatch(1);
        Footprint t = grid.subGrid(0, 0, 100, 100);
        java.util.function.BiFunction<Integer, Integer, Footprint> tile = (col, row) -> grid.subGrid(100 * col, 100 * row, 100, 100);
        try (RasterSession session = RasterSession.create()) {
            // C's second request spans two computation tiles, the second of which waits at the gate
            Recipe recipe = gatedCopy(session, computed, java.util.Set.of(tile.apply(3, 2)), gate);
            List<Footprint> a = List.of(tile.apply(0, 0), tile.apply(1, 0), tile.apply(2, 0), tile.apply(3, 0), tile.apply(4, 0));
            List<Footprint> b = List.of(tile.apply(0, 1), tile.apply(1, 1), tile.apply(2, 1), tile.apply(3, 1), tile.apply(4, 1));
            List<Footprint> c = List.of(grid.subGrid(0, 200, 200, 100), grid.subGrid(200, 200, 200, 100),
                    grid.subGrid(400, 200, 200, 100), grid.subGrid(600, 200, 191, 100));
            ResultStream<Tile> consumed = recipe.queue(a, 1);
            ResultStream<Tile> ready = recipe.queue(b, 1);
            ResultStream<Tile> halfReady = recipe.queue(c, 1);
            consumed.next();
            consumed.close(); // dropped right after taking its first tile
            ready.next();
            waitFor(session.engine(), () -> computed.containsKey(b.get(1)), "B's next tile to be ready");
            ready.close(); // dropped with its next tile ready
            halfReady.next();
            waitFor(session.engine(), () -> computed.containsKey(tile.apply(2, 2)), "half of C's next request");
            halfReady.close(); // dropped with its next request half computed
            gate.countDown();
            // Whatever the drops left running ends; then nothing is queued or running, and nothing more can start.
            waitFor(session.engine(), () -> idle(session.engine()), "the engine to go idle after the drops");
            var allowed = java.util.Set.of(a.get(0), a.get(1), b.get(0), b.get(1), tile.apply(0, 2), tile.apply(1, 2),
                    tile.apply(2, 2), tile.apply(3, 2));
            assertTrue(allowed.containsAll(computed.keySet()), "computed after the drops: " + computed.keySet());
            computed.values().forEach(count -> assertEquals(1, count.get()));
            Tile whole = recipe.get(recipe.footprint(), 0);
            assertArrayEquals(source[0], whole.floats(0), "a later get works");
            assertEquals(t, whole.footprint().subGrid(0, 0, 100, 100));
        }
    }

    /**
     * Waits until {@code condition} holds, looking again after every event of {@code engine} (and
     * every 50 ms, for a change after the last event). The 60 s limit is only for a hung test.
     */
    private static void waitFor(Engine engine, java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        var events = new java.util.concurrent.atomic.AtomicLong();
        io.tilework.engine.event.EngineListener listener = event -> {
            events.incrementAndGet();
            synchronized (events) {
                events.notifyAll();
            }
        };
        engine.addListener(listener);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                long seen = events.get(); // read before the look: an event after it is never missed
                if (condition.getAsBoolean()) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what);
                }
                synchronized (events) {
                    if (events.get() == seen) {
                        TimeUnit.NANOSECONDS.timedWait(events, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                    }
                }
            }
        } finally {
            engine.removeListener(listener);
        }
    }

    /** Nothing queued or running in any pool: without a consumer pulling, nothing more will be computed. */
    private static boolean idle(Engine engine) {
        return engine.metrics().pools().values().stream().allMatch(pool -> pool.queued() == 0 && pool.running() == 0);
    }

    @Test
    @DisplayName("scenario 8: closing the session while queries are in flight returns promptly and wakes every consumer")
    void closeWhileQueriesInFlight() throws Exception {
        RasterSession session = RasterSession.create();
        FileRaster rgb = session.open(RGB);
        // 64 tiles whose computations wait until the test lets them go: work that cannot finish before the close
        var started = new java.util.concurrent.CountDownLatch(1); // one: on one core the pool has one slot
        var release = new java.util.concurrent.CountDownLatch(1);
        Recipe slow = session.recipe("test.slow", 1).input("rgb", rgb).computationTiles(100).noData(0).compute(request -> {
            started.countDown();
            release.await();
            return new float[][] {request.input("rgb").floats(0)};
        });
        var consumers = new ArrayList<Thread>();
        var endings = new CopyOnWriteArrayList<Throwable>();
        for (int t = 0; t < 3; t++) {
            int seed = t;
            consumers.add(Thread.ofPlatform().start(() -> {
                List<Footprint> order = new ArrayList<>(requests(slow, 100));
                java.util.Collections.shuffle(order, new java.util.Random(seed));
                try (ResultStream<Tile> tiles = slow.queue(order, 4)) {
                    while (tiles.hasNext()) {
                        tiles.next();
                    }
                    endings.add(new AssertionError("a stream of 6 s of work completed"));
                } catch (Throwable e) {
                    endings.add(e);
                }
            }));
        }
        consumers.add(Thread.ofPlatform().start(() -> {
            try {
                slow.get(slow.footprint());
                endings.add(new AssertionError("a get of 6 s of work completed"));
            } catch (Throwable e) {
                endings.add(e);
            }
        }));
        assertTrue(started.await(60, TimeUnit.SECONDS), "computations are running");
        // The close wakes every consumer while computations still run (they cannot finish before the release):
        // prompt by construction, not by a measured time.
        Thread closer = Thread.ofPlatform().start(session::close);
        for (Thread consumer : consumers) {
            consumer.join(60_000);
            assertFalse(consumer.isAlive(), "a consumer still waits after close");
        }
        release.countDown(); // the running computations end; the close waits for them
        closer.join(60_000);
        assertFalse(closer.isAlive(), "the close returned once the running computations ended");
        assertEquals(4, endings.size());
        for (Throwable ending : endings) {
            assertFalse(ending instanceof AssertionError, ending.toString());
        }
    }

    @Test
    @DisplayName("scenario 12: four iterators over a derived raster in different orders, one dropped: the others complete")
    void derivedRaster_droppedIteratorLeavesOthers() throws Exception {
        try (RasterSession session = RasterSession.create()) {
            Recipe base = sum3x3(session, cache.resolve("base"), new AtomicInteger(), null, false, false);
            Recipe derived = session.recipe("test.derived", 1).bands(3).noData(0).input("in", base, f -> f)
                    .computationTiles(90).cacheTiles(90).cache(cache.resolve("derived"))
                    .compute(request -> request.input("in").floats());
            var errors = new CopyOnWriteArrayList<Throwable>();
            var completed = new AtomicInteger();
            var threads = new ArrayList<Thread>();
            for (int t = 0; t < 4; t++) {
                int which = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    List<Footprint> order = new ArrayList<>(requests(derived, 120));
                    switch (which) {
                        case 1 -> java.util.Collections.reverse(order);
                        case 2 -> java.util.Collections.shuffle(order, new java.util.Random(2));
                        case 3 -> order.sort(java.util.Comparator.comparingDouble(f -> f.geoTransform().originX()));
                        default -> { }
                    }
                    try (ResultStream<Tile> tiles = derived.queue(order, 3)) {
                        for (int n = 0; tiles.hasNext(); n++) {
                            if (which == 0 && n == 3) {
                                return; // dropped after three tiles
                            }
                            assertMatchesReference(tiles.next(), new int[] {0, 1, 2});
                        }
                        completed.incrementAndGet();
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join(60_000);
            }
            assertTrue(errors.isEmpty(), errors.toString());
            assertEquals(3, completed.get(), "the three iterators not dropped complete");
        }
    }

    @Test
    @DisplayName("scenario 14: at most lookahead computations ahead of a consumer that does not pull")
    void lookahead_boundsWorkAhead() throws Exception {
        var computed = new AtomicInteger();
        try (RasterSession session = RasterSession.create()) {
            Recipe recipe = sum3x3(session, null, computed, null, false, false);
            try (ResultStream<Tile> tiles = recipe.queue(requests(recipe, 128), 2)) {
                // Once the lookahead is computed and nothing is queued or running, nothing more starts by itself.
                waitFor(session.engine(), () -> computed.get() >= 2 && idle(session.engine()), "the lookahead computed");
                assertEquals(2, computed.get(), "computed ahead of a consumer that took nothing");
                tiles.next();
                waitFor(session.engine(), () -> computed.get() >= 3 && idle(session.engine()), "one more computed");
                assertEquals(3, computed.get());
            }
        }
    }
}
