package io.tilework.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.pool.Pools;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The three shapes the applications give the kernel, each small and checked against a direct
 * computation: raster tiles with halos, a sales map-reduce, a per-file chart fan-out.
 */
@Timeout(60)
@DisplayName("the three workload shapes")
class EngineShapesTest {

    private static final int TILE = 16;
    private static final int TILES = 6;
    private static final int SIZE = TILE * TILES;

    @Test
    @DisplayName("raster: a 3x3 mean over tiles with one-pixel halos equals the mean over the whole grid; each source tile is read once")
    void rasterTilesWithHalos(@org.junit.jupiter.api.io.TempDir java.nio.file.Path cache) {
        float[] dem = new float[SIZE * SIZE];
        var random = new Random(7);
        for (int i = 0; i < dem.length; i++) {
            dem[i] = random.nextFloat() * 1000;
        }
        var reads = new ConcurrentHashMap<String, Integer>();
        Map<String, Task<float[]>> source = new HashMap<>();
        for (int ty = 0; ty < TILES; ty++) {
            for (int tx = 0; tx < TILES; tx++) {
                int x0 = tx * TILE;
                int y0 = ty * TILE;
                String chunk = tx + "," + ty;
                source.put(chunk, Task.<float[]>builder(TaskKey.of("dem.read", 1, chunk)).pool("io")
                        .estimatedBytes(TILE * TILE * 4L).codec(Codec.FLOATS).compute((in, cancel) -> {
                            reads.merge(chunk, 1, Integer::sum);
                            float[] tile = new float[TILE * TILE];
                            for (int y = 0; y < TILE; y++) {
                                System.arraycopy(dem, (y0 + y) * SIZE + x0, tile, y * TILE, TILE);
                            }
                            return tile;
                        }));
            }
        }
        List<Task<float[]>> requests = new ArrayList<>();
        for (int ty = 0; ty < TILES; ty++) { // top-left first: the consumer's order
            for (int tx = 0; tx < TILES; tx++) {
                requests.add(meanTile(tx, ty, source));
            }
        }
        float[] expected = mean3x3(dem);
        try (Engine engine = Engine.builder().pool(Pools.cpu(2)).budgetBytes(64 * 1024).store(cache, 1 << 24).build();
             ResultStream<float[]> tiles = engine.stream(requests, 4)) {
            for (int ty = 0; ty < TILES; ty++) {
                for (int tx = 0; tx < TILES; tx++) {
                    float[] tile = tiles.next();
                    for (int y = 0; y < TILE; y++) {
                        float[] row = new float[TILE];
                        System.arraycopy(expected, (ty * TILE + y) * SIZE + tx * TILE, row, 0, TILE);
                        float[] actual = new float[TILE];
                        System.arraycopy(tile, y * TILE, actual, 0, TILE);
                        assertArrayEquals(row, actual, 1e-3f, "tile " + tx + "," + ty + " row " + y);
                    }
                }
            }
        }
        // a halo tile released from memory comes back from the chunk store, not from the source
        assertEquals(TILES * TILES, reads.size());
        assertTrue(reads.values().stream().allMatch(count -> count == 1), "source tiles read " + reads);
    }

    private static Task<float[]> meanTile(int tx, int ty, Map<String, Task<float[]>> source) {
        List<Task<?>> neighbours = new ArrayList<>();
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                Task<float[]> tile = source.get((tx + dx) + "," + (ty + dy));
                if (tile != null) {
                    neighbours.add(tile);
                }
            }
        }
        return Task.<float[]>builder(TaskKey.of("mean3x3", 1, tx + "," + ty)).inputs(neighbours)
                .estimatedBytes(TILE * TILE * 4L).compute((in, cancel) -> {
                    // assemble the tile plus a one-pixel halo from the neighbours, then filter
                    int haloSize = TILE + 2;
                    float[] window = new float[haloSize * haloSize];
                    float[] counts = new float[haloSize * haloSize];
                    int index = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            if (source.get((tx + dx) + "," + (ty + dy)) == null) {
                                continue;
                            }
                            float[] tile = in.get(index++);
                            for (int y = -1; y <= TILE; y++) {
                                for (int x = -1; x <= TILE; x++) {
                                    int sx = x - dx * TILE;
                                    int sy = y - dy * TILE;
                                    if (sx >= 0 && sx < TILE && sy >= 0 && sy < TILE) {
                                        window[(y + 1) * haloSize + x + 1] = tile[sy * TILE + sx];
                                        counts[(y + 1) * haloSize + x + 1] = 1;
                                    }
                                }
                            }
                        }
                    }
                    float[] out = new float[TILE * TILE];
                    for (int y = 0; y < TILE; y++) {
                        for (int x = 0; x < TILE; x++) {
                            float sum = 0;
                            float n = 0;
                            for (int ky = 0; ky < 3; ky++) {
                                for (int kx = 0; kx < 3; kx++) {
                                    int at = (y + ky) * haloSize + x + kx;
                                    sum += window[at] * counts[at];
                                    n += counts[at];
                                }
                            }
                            out[y * TILE + x] = sum / n;
                        }
                    }
                    return out;
                });
    }

    private static float[] mean3x3(float[] grid) {
        float[] out = new float[grid.length];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                float sum = 0;
                float n = 0;
                for (int ky = -1; ky <= 1; ky++) {
                    for (int kx = -1; kx <= 1; kx++) {
                        int sx = x + kx;
                        int sy = y + ky;
                        if (sx >= 0 && sx < SIZE && sy >= 0 && sy < SIZE) {
                            sum += grid[sy * SIZE + sx];
                            n++;
                        }
                    }
                }
                out[y * SIZE + x] = sum / n;
            }
        }
        return out;
    }

    @Test
    @DisplayName("sales: splits -> partial aggregates -> a reduce tree equals one sequential pass")
    void salesMapReduce() throws Exception {
        String[] cities = {"Lyon", "Lille", "Nantes", "Nice", "Paris", "Rennes"};
        int splits = 64;
        int rowsPerSplit = 2000;
        Map<String, Long> expected = new TreeMap<>();
        for (int split = 0; split < splits; split++) {
            var random = new Random(split);
            for (int row = 0; row < rowsPerSplit; row++) {
                expected.merge(cities[random.nextInt(cities.length)], (long) random.nextInt(50_000), Long::sum);
            }
        }
        List<Task<Map<String, Long>>> level = new ArrayList<>();
        for (int split = 0; split < splits; split++) {
            int seed = split;
            level.add(Task.<Map<String, Long>>builder(TaskKey.of("sales.partial", 1, "split-" + split))
                    .estimatedBytes(cities.length * 64L).compute((in, cancel) -> {
                        var random = new Random(seed);
                        Map<String, Long> partial = new TreeMap<>();
                        for (int row = 0; row < rowsPerSplit; row++) {
                            partial.merge(cities[random.nextInt(cities.length)], (long) random.nextInt(50_000), Long::sum);
                        }
                        return partial;
                    }));
        }
        int depth = 0;
        while (level.size() > 1) { // a reduce tree with fan-in 4
            depth++;
            List<Task<Map<String, Long>>> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 4) {
                next.add(Task.<Map<String, Long>>builder(TaskKey.of("sales.reduce", 1, "d" + depth + "-" + i / 4))
                        .inputs(level.subList(i, Math.min(i + 4, level.size())))
                        .estimatedBytes(cities.length * 64L).compute((in, cancel) -> {
                            Map<String, Long> merged = new TreeMap<>();
                            for (Object partial : in.all()) {
                                @SuppressWarnings("unchecked")
                                Map<String, Long> map = (Map<String, Long>) partial;
                                map.forEach((city, sum) -> merged.merge(city, sum, Long::sum));
                            }
                            return merged;
                        }));
            }
            level = next;
        }
        try (Engine engine = Engine.builder().pool(Pools.cpu(2)).build()) {
            assertEquals(expected, engine.submit(level.getFirst()).get(30, TimeUnit.SECONDS));
            assertEquals(splits + 16 + 4 + 1, engine.metrics().tasksCompleted());
        }
    }

    @Test
    @DisplayName("charts: one task per file; bad files fail alone, named, and the others are produced")
    void chartFanOut() throws InterruptedException {
        Set<Integer> bad = Set.of(7, 23, 41);
        List<Task<String>> files = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int file = i;
            files.add(Task.<String>builder(TaskKey.of("charts.convert", 1, "US5XX%02dM.000".formatted(file)))
                    .pool("io").compute((in, cancel) -> {
                        if (bad.contains(file)) {
                            throw new IOException("US5XX%02dM.000: Data record is short".formatted(file));
                        }
                        return "converted " + file;
                    }));
        }
        int produced = 0;
        List<String> failures = new ArrayList<>();
        try (Engine engine = Engine.builder().pool(Pools.cpu(2)).build(); var results = engine.stream(files, 8)) {
            while (results.hasNext()) {
                switch (results.nextOutcome()) {
                    case Outcome.Success<String> success -> produced++;
                    case Outcome.Failure<String> failure -> failures.add(failure.failure().failedKey().chunk());
                }
            }
        }
        assertEquals(47, produced);
        assertEquals(List.of("US5XX07M.000", "US5XX23M.000", "US5XX41M.000"), failures);
    }
}
