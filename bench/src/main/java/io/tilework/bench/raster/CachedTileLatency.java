package io.tilework.bench.raster;

import io.tilework.raster.FileRaster;
import io.tilework.raster.RasterSession;
import io.tilework.raster.Recipe;
import io.tilework.raster.TerrainRecipes;
import io.tilework.raster.Tile;
import io.tilework.raster.footprint.Footprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Latency of {@code recipe.get(footprint)} for one cache tile of a slope recipe whose tiles are
 * all in its cache directory: the "warm" case of bench/raster-slope.sh, one tile at a time.
 *
 * <p>The recipe is built exactly as {@code tilework raster slope DEM OUT --cache CACHE} builds it
 * ({@link TerrainRecipes#terrain} with mode "slope", no gdaldem options, tiles of 512), so its
 * cache keys are the command's and every request is a cache hit; the hit and miss counts of the
 * session are printed to prove it. Requests are whole cache tiles, chosen at random (fixed seed)
 * without repeats while there are tiles left, so each timed get reads its entry file for the first
 * time in this process (the chunk store checks an entry's CRC32C on its first read) and none is
 * served by a result still held in memory. The warm-up gets come first and use other tiles.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/tilework-bench.jar \
 *     io.tilework.bench.raster.CachedTileLatency DEM CACHE [--requests N] [--warmups N] [--tile N] [--seed N]
 * </pre>
 *
 * <p>The report ends with one line {@code result key=value ...} for the calling script.
 */
public final class CachedTileLatency {

    static final double TARGET_MEDIAN_MS = 10.0;

    private static final String USAGE = """
            usage: CachedTileLatency DEM CACHE [--requests N] [--warmups N] [--tile N] [--seed N]
              DEM          the DEM the cache was filled from (same path as given to tilework raster slope)
              CACHE        the --cache directory of a complete tilework raster slope run
              --requests   timed gets (default 200)
              --warmups    untimed gets first (default 20)
              --tile       the --tile the cache was made with (default 512)
              --seed       seed of the random choice of tiles (default 42)""";

    private CachedTileLatency() {
    }

    public static void main(String[] args) throws IOException {
        Path dem = null;
        Path cache = null;
        int requests = 200;
        int warmups = 20;
        int tileSize = 512;
        long seed = 42;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--requests" -> requests = Integer.parseInt(args[++i]);
                    case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                    case "--tile" -> tileSize = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    default -> {
                        if (args[i].startsWith("-")) {
                            throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                        } else if (dem == null) {
                            dem = Path.of(args[i]);
                        } else if (cache == null) {
                            cache = Path.of(args[i]);
                        } else {
                            throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                        }
                    }
                }
            }
            if (dem == null || cache == null) {
                throw new IllegalArgumentException("a DEM and a cache directory are needed");
            }
            if (requests < 1 || warmups < 0) {
                throw new IllegalArgumentException("--requests must be >= 1 and --warmups >= 0");
            }
        } catch (RuntimeException e) {
            System.err.println("CachedTileLatency: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(dem) || !Files.isDirectory(cache.resolve("tiles"))) {
            System.err.println("CachedTileLatency: " + dem + " must be a file and " + cache
                    + " a filled cache directory (run tilework raster slope " + dem + " OUT --cache " + cache + " first)");
            System.exit(1);
        }
        run(dem, cache, requests, warmups, tileSize, seed);
    }

    private static void run(Path dem, Path cache, int requests, int warmups, int tileSize, long seed) throws IOException {
        long[] nanos = new long[requests];
        long hitsBefore;
        long missesBefore;
        long hits;
        long misses;
        int tileCount;
        int distinct;
        double checksum = 0;
        long openStart = System.nanoTime();
        try (RasterSession session = RasterSession.create()) {
            FileRaster raster = session.open(dem);
            Recipe slope = TerrainRecipes.terrain(session, raster, "slope", List.of(), tileSize, cache, false);
            double openMillis = (System.nanoTime() - openStart) / 1e6;
            List<Footprint> tiles = new ArrayList<>(slope.cacheTiles());
            tileCount = tiles.size();
            Collections.shuffle(tiles, new Random(seed));
            distinct = Math.min(tileCount, warmups + requests);
            hitsBefore = session.cacheHits();
            missesBefore = session.cacheMisses();
            for (int i = 0; i < warmups; i++) {
                checksum += firstValue(slope.get(tiles.get(i % tileCount)));
            }
            for (int i = 0; i < requests; i++) {
                Footprint footprint = tiles.get((warmups + i) % tileCount);
                long start = System.nanoTime();
                Tile tile = slope.get(footprint);
                nanos[i] = System.nanoTime() - start;
                checksum += firstValue(tile);
            }
            hits = session.cacheHits() - hitsBefore;
            misses = session.cacheMisses() - missesBefore;
            System.out.printf(Locale.ROOT, "- Session and recipe set up in %.1f ms; %d cache tiles of %d x %d in the recipe%n",
                    openMillis, tileCount, tileSize, tileSize);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = percentile(sorted, 0.5);
        double p90 = percentile(sorted, 0.9);
        double max = sorted[sorted.length - 1] / 1e6;
        double min = sorted[0] / 1e6;
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        double fileMedian = rawFileRead(cache, Math.min(requests, 200), seed);
        System.out.printf(Locale.ROOT, "- %d warm-up then %d timed gets of one whole cache tile each, random tiles, %d distinct%s%n",
                warmups, requests, distinct, distinct < warmups + requests ? " (fewer tiles than gets: some repeat)" : "");
        System.out.printf(Locale.ROOT, "- get latency (ms): median %.3f, p90 %.3f, max %.3f, min %.3f, mean %.3f%n",
                median, p90, max, min, mean);
        System.out.printf(Locale.ROOT, "- cache during the gets: %d hits, %d misses (expected %d hits, 0 misses)%n",
                hits, misses, warmups + requests);
        System.out.printf(Locale.ROOT, "- for scale: Files.readAllBytes of one cache entry file (page cache), median %.3f ms%n",
                fileMedian);
        boolean allHits = misses == 0 && hits == warmups + requests;
        System.out.printf(Locale.ROOT, "result median_ms=%.3f p90_ms=%.3f max_ms=%.3f hits=%d misses=%d all_hits=%b file_read_ms=%.3f check=%s%n",
                median, p90, max, hits, misses, allHits, fileMedian, Double.toString(checksum));
    }

    /** One value of the tile, so that no get can be optimised away. */
    private static double firstValue(Tile tile) {
        return tile.floats(0)[tile.floats(0).length / 2];
    }

    private static double percentile(long[] sorted, double fraction) {
        int index = Math.max(0, (int) Math.ceil(fraction * sorted.length) - 1);
        return sorted[index] / 1e6;
    }

    /** Median time to read one entry file of the cache whole, for comparison with a get. */
    private static double rawFileRead(Path cache, int count, long seed) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(cache.resolve("tiles"))) {
            files = new ArrayList<>(walk.filter(p -> p.toString().endsWith(".chunk")).toList());
        }
        if (files.isEmpty()) {
            return Double.NaN;
        }
        Collections.shuffle(files, new Random(seed));
        long[] nanos = new long[count];
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            bytes += Files.readAllBytes(files.get(i % files.size())).length;
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return bytes > 0 ? percentile(nanos, 0.5) : Double.NaN;
    }
}
