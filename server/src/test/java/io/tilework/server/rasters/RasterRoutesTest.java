package io.tilework.server.rasters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.gdal.raster.Window;
import io.tilework.server.GeoTiffs;
import io.tilework.server.HttpCalls;
import io.tilework.server.Server;
import io.tilework.server.ServerSettings;
import io.tilework.testkit.GdalTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/rasters} on a real server: GeoTIFFs written with GDAL under the data root, opened,
 * described and read over HTTP; every value compared with what GDAL reads (or gdaldem computes)
 * for the same window.
 */
@DisplayName("raster routes: open, describe, read windows in order, recipes, errors, disconnects")
class RasterRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 300;
    private static final int HEIGHT = 200;

    @TempDir
    Path root;

    private Server server;
    private HttpCalls http;
    private Path dem;

    @BeforeEach
    void start() {
        dem = GeoTiffs.dem(root.resolve("dem/dem.tif"), WIDTH, HEIGHT);
        server = Server.start(ServerSettings.embedded(root, 0));
        http = new HttpCalls(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("a file opens with a stable id and is described as GDAL sees it: size, bands, type, nodata, EPSG, geotransform, block")
    @SuppressWarnings("unchecked")
    void openAndDescribe() {
        var opened = http.post("/api/rasters", Map.of("path", "dem/dem.tif"));
        assertEquals(200, opened.status(), opened.body());
        Map<String, Object> raster = opened.json();
        String id = (String) raster.get("id");
        assertTrue(id.startsWith("r-"), id);
        assertEquals("file", raster.get("kind"));
        assertEquals("dem/dem.tif", raster.get("name"));
        assertEquals(WIDTH, raster.get("width"));
        assertEquals(HEIGHT, raster.get("height"));
        assertEquals(1, raster.get("bands"));
        assertEquals("Float32", raster.get("type"));
        assertEquals(List.of(-9999.0), raster.get("noData"));
        assertEquals(GeoTiffs.EPSG, raster.get("epsg"));
        assertTrue(((String) raster.get("crsWkt")).contains("UTM zone 31N"), (String) raster.get("crsWkt"));
        assertEquals(List.of(500_000.0, 10.0, 0.0, 4_600_000.0, 0.0, -10.0), raster.get("geoTransform"));
        assertEquals(GeoTiffs.BLOCK, raster.get("tileSize"));
        assertEquals("/api/rasters/" + id, opened.response().headers().firstValue("Location").orElse(null));

        assertEquals(id, http.post("/api/rasters", Map.of("path", "dem/../dem/dem.tif")).json().get("id"), "the same file, the same id");
        assertEquals(raster, http.get("/api/rasters/" + id).json());
    }

    @Test
    @DisplayName("one window: its header, then every value equal to GDAL's read of the same window; bands in the order asked")
    void readOneWindow() {
        String id = open("dem/dem.tif");
        Frames frames = read(id, Map.of("windows", List.of(List.of(37, 21, 50, 40))));
        assertEquals(2, frames.frames().size());
        var frame = frames.windows().getFirst();
        assertEquals(Map.of("index", 0, "window", List.of(37, 21, 50, 40), "shape", List.of(1, 40, 50), "type", "Float32",
                "bytes", 8000), frame.header());
        assertArrayEquals(GeoTiffs.read(dem, 1, new Window(37, 21, 50, 40)), frame.floats());
        assertEquals(Map.of("end", true, "windows", 1), frames.end());

        Path rgb = GeoTiffs.write(root.resolve("rgb.tif"), 90, 70, 3, OptionalDouble.empty(), (band, x, y) -> band * 1000 + y * 90 + x);
        String three = open("rgb.tif");
        var bands = read(three, Map.of("windows", List.of(List.of(5, 6, 20, 10)), "bands", List.of(3, 1))).windows().getFirst();
        assertEquals(List.of(2, 10, 20), bands.header().get("shape"));
        float[] values = bands.floats();
        float[] third = GeoTiffs.read(rgb, 3, new Window(5, 6, 20, 10));
        float[] first = GeoTiffs.read(rgb, 1, new Window(5, 6, 20, 10));
        assertArrayEquals(third, java.util.Arrays.copyOfRange(values, 0, 200), "band 3 first: band-major, in the order asked");
        assertArrayEquals(first, java.util.Arrays.copyOfRange(values, 200, 400));
    }

    @Test
    @DisplayName("frames carry the raster's own type: a Byte file's values are bytes, equal to GDAL's")
    void nativeType() {
        Path file = root.resolve("byte.tif");
        byte[] pixels = new byte[30 * 20];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7); // past 127 too: unsigned values keep their bits
        }
        try (var dataset = io.tilework.gdal.raster.RasterDataset.createGeoTiff(file,
                new io.tilework.gdal.raster.RasterSpec(30, 20, 1, io.tilework.gdal.raster.DataType.BYTE),
                io.tilework.gdal.raster.GeoTiffOptions.defaults())) {
            dataset.setGeoTransform(GeoTiffs.GRID);
            dataset.write(Window.of(30, 20), 1, io.tilework.gdal.raster.DataType.BYTE, pixels);
        }
        String id = open("byte.tif");
        assertEquals("Byte", http.get("/api/rasters/" + id).json().get("type"));
        var frame = read(id, Map.of("windows", List.of(List.of(3, 4, 10, 5)))).windows().getFirst();
        assertEquals("Byte", frame.header().get("type"));
        assertEquals(50, frame.header().get("bytes"));
        byte[] expected = new byte[50];
        for (int y = 0; y < 5; y++) {
            System.arraycopy(pixels, (4 + y) * 30 + 3, expected, y * 10, 10);
        }
        assertArrayEquals(expected, frame.values());
    }

    @Test
    @DisplayName("1,000 windows with a small read-ahead come back in the order asked, each with its index, window and GDAL's values")
    @SuppressWarnings("unchecked")
    void thousandWindowsInOrder() {
        String id = open("dem/dem.tif");
        float[] whole = GeoTiffs.read(dem, 1, Window.of(WIDTH, HEIGHT));
        var windows = new ArrayList<List<Integer>>();
        for (int i = 0; i < 1_000; i++) {
            windows.add(List.of((i * 37) % (WIDTH - 16), (i * 53) % (HEIGHT - 12), 16, 12));
        }
        Frames frames = read(id, Map.of("windows", windows, "readAheadBytes", 4_096));
        assertEquals(1_001, frames.frames().size());
        for (int i = 0; i < 1_000; i++) {
            var frame = frames.windows().get(i);
            assertEquals(i, frame.index());
            assertEquals(windows.get(i), frame.header().get("window"));
            int x0 = windows.get(i).get(0);
            int y0 = windows.get(i).get(1);
            float[] values = frame.floats();
            for (int y = 0; y < 12; y++) {
                for (int x = 0; x < 16; x++) {
                    assertEquals(whole[(y0 + y) * WIDTH + x0 + x], values[y * 16 + x], "window " + i + " at " + x + ", " + y);
                }
            }
        }
        assertEquals(Map.of("end", true, "windows", 1_000), frames.end());
        String metrics = http.get("/metrics").body();
        assertTrue(metric(metrics, "tilework_raster_windows_sent_total") >= 1_000, metrics);
        assertTrue(metric(metrics, "tilework_raster_bytes_sent_total") >= 1_000 * 16 * 12 * 4, metrics);
        assertEquals(0, metric(metrics, "tilework_raster_streams_active"));
        assertEquals(0, metric(metrics, "tilework_raster_read_ahead_bytes"));
    }

    @Test
    @DisplayName("a window partly outside the raster has nodata there (0 without one); a footprint on the grid reads the same pixels")
    void partlyOutside() {
        String id = open("dem/dem.tif");
        var frame = read(id, Map.of("windows", List.of(List.of(-5, -3, 10, 8)))).windows().getFirst();
        float[] values = frame.floats();
        float[] inside = GeoTiffs.read(dem, 1, new Window(0, 0, 5, 5));
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 10; x++) {
                float expected = x < 5 || y < 3 ? -9999f : inside[(y - 3) * 5 + (x - 5)];
                assertEquals(expected, values[y * 10 + x], "at " + x + ", " + y);
            }
        }
        GeoTiffs.write(root.resolve("plain.tif"), 20, 20, 1, OptionalDouble.empty(), (band, x, y) -> 7);
        float[] plain = read(open("plain.tif"), Map.of("windows", List.of(List.of(15, 15, 10, 10)))).windows().getFirst().floats();
        assertEquals(0f, plain[99], "outside a raster without nodata: 0");
        assertEquals(7f, plain[0]);

        var footprint = Map.of("geoTransform", List.of(500_000.0 + 370, 10.0, 0.0, 4_600_000.0 - 210, 0.0, -10.0), "width", 50, "height", 40);
        var onGrid = read(id, Map.of("windows", List.of(footprint))).windows().getFirst();
        assertEquals(footprint, onGrid.header().get("window"), "the footprint echoed as asked");
        assertArrayEquals(GeoTiffs.read(dem, 1, new Window(37, 21, 50, 40)), onGrid.floats());
        var shifted = Map.of("geoTransform", List.of(500_000.0 + 375, 10.0, 0.0, 4_600_000.0 - 215, 0.0, -10.0), "width", 20, "height", 20);
        var resampled = read(id, Map.of("windows", List.of(shifted), "resampling", "bilinear")).windows().getFirst();
        assertEquals(List.of(1, 20, 20), resampled.header().get("shape"));
        float[] bilinear = resampled.floats();
        float[] under = GeoTiffs.read(dem, 1, new Window(37, 21, 2, 2));
        float mean = (under[0] + under[1] + under[2] + under[3]) / 4;
        assertEquals(mean, bilinear[0], 1e-3, "half a pixel off the grid: the mean of the four pixels around");
    }

    @Test
    @DisplayName("refusals are JSON with one line naming what: outside, empty, bad band, bad resampling, unknown id, missing file, escaping path")
    void errors() {
        String id = open("dem/dem.tif");
        assertError(400, "window 1 [300, 0, 5, 5] lies wholly outside the raster (300 x 200 pixels)",
                http.post("/api/rasters/" + id + "/read", Map.of("windows", List.of(List.of(0, 0, 5, 5), List.of(300, 0, 5, 5)))));
        assertError(400, "window 0 [0, 0, 0, 5]: width and height must be at least 1",
                http.post("/api/rasters/" + id + "/read", Map.of("windows", List.of(List.of(0, 0, 0, 5)))));
        assertError(400, "window 0 [0, 0, 10000, 10000] is 400000000 bytes",
                http.post("/api/rasters/" + id + "/read", Map.of("windows", List.of(List.of(0, 0, 10_000, 10_000)))));
        assertError(400, "band 2 does not exist: the raster has bands 1..1",
                http.post("/api/rasters/" + id + "/read", Map.of("windows", List.of(List.of(0, 0, 5, 5)), "bands", List.of(2))));
        assertError(400, "resampling lanczos is not known; give nearest, bilinear, cubic or average",
                http.post("/api/rasters/" + id + "/read", Map.of("windows", List.of(List.of(0, 0, 5, 5)), "resampling", "lanczos")));
        assertError(404, "no raster r-0000 is open", http.post("/api/rasters/r-0000/read", Map.of("windows", List.of(List.of(0, 0, 5, 5)))));
        assertError(404, "no raster r-0000 is open", http.get("/api/rasters/r-0000"));
        assertError(404, "dem/missing.tif: no such file under the data root", http.post("/api/rasters", Map.of("path", "dem/missing.tif")));
        assertError(400, "parameter 'path' is ../outside.tif: it leaves the data root", http.post("/api/rasters", Map.of("path", "../outside.tif")));
        assertError(400, "the body needs either \"path\"", http.post("/api/rasters", Map.of("inputs", List.of(id))));
        assertError(404, "no raster r-1111 is open", http.post("/api/rasters", Map.of("recipe", "slope", "inputs", List.of("r-1111"))));
        assertError(400, "gdaldem", http.post("/api/rasters", Map.of("recipe", "slope", "inputs", List.of(id), "options", List.of("-nope"))));
        assertError(400, "tileSize is 100", http.post("/api/rasters", Map.of("recipe", "slope", "inputs", List.of(id), "tileSize", 100)));
        var many = new StringBuilder("{\"windows\": [");
        for (int i = 0; i <= 100_000; i++) {
            many.append(i == 0 ? "" : ",").append("[0,0,1,1]");
        }
        assertError(413, "100001 windows asked; at most 100000 per request", http.post("/api/rasters/" + id + "/read", many.append("]}").toString()));
        try {
            Files.writeString(root.resolve("notes.txt"), "not a raster");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        var text = http.post("/api/rasters", Map.of("path", "notes.txt"));
        assertError(400, "notes.txt", text);
        assertTrue(!text.body().contains(root.toString()), "no server folder in answers: " + text.body());
        var fileAsCache = http.post("/api/rasters", Map.of("recipe", "slope", "inputs", List.of(id), "cache", "notes.txt"));
        assertError(400, "cannot prepare the cache directory notes.txt", fileAsCache);
        assertTrue(!fileAsCache.body().contains(root.toString()), "no server folder in answers: " + fileAsCache.body());
        var tiles256 = http.post("/api/rasters", Map.of("recipe", "slope", "inputs", List.of(id), "tileSize", 256)).json().get("id");
        var tiles512 = http.post("/api/rasters", Map.of("recipe", "slope", "inputs", List.of(id), "tileSize", 512)).json().get("id");
        assertNotEquals(tiles256, tiles512, "the same recipe in other tiles is another raster to serve");
    }

    @Test
    @DisplayName("a footprint off the grid is refused when the raster's pixels under it are over the per-window limit, however small it is")
    void offGridWindowsCountThePixelsUnderThem() {
        // 20000 x 20000 Float32 (1.6 GB), sparse: no block is written, so the file is small
        try (var big = io.tilework.gdal.raster.RasterDataset.createGeoTiff(root.resolve("big.tif"),
                new io.tilework.gdal.raster.RasterSpec(20_000, 20_000, 1, io.tilework.gdal.raster.DataType.FLOAT32),
                io.tilework.gdal.raster.GeoTiffOptions.defaults().tiled(512, 512).option("SPARSE_OK", "TRUE"))) {
            big.setGeoTransform(GeoTiffs.GRID);
        }
        String id = open("big.tif");
        var whole = Map.of("geoTransform", List.of(500_000.0, 200_000.0, 0.0, 4_600_000.0, 0.0, -200_000.0), "width", 1, "height", 1);
        assertError(400, "window 0", http.post("/api/rasters/" + id + "/read", Map.of("windows", List.of(whole), "resampling", "average")));
        var part = Map.of("geoTransform", List.of(500_000.0, 1_000.0, 0.0, 4_600_000.0, 0.0, -1_000.0), "width", 10, "height", 10);
        Frames frames = read(id, Map.of("windows", List.of(part), "resampling", "average"));
        assertEquals(1, frames.windows().size(), "a footprint over 1,000 x 1,000 of its pixels is read");
    }

    @Test
    @DisplayName("a window that cannot be read is an error frame with one line, and the windows after it still come")
    void failedWindow() throws IOException {
        Path file = GeoTiffs.write(root.resolve("cut.tif"), 256, 256, 1, OptionalDouble.empty(), (band, x, y) -> x + y);
        String id = open("cut.tif");
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2); // damaged after it was opened: the bottom blocks are gone
        }
        Frames frames = read(id, Map.of("windows", List.of(List.of(0, 192, 64, 64), List.of(0, 0, 64, 64), List.of(0, 200, 8, 8))));
        assertEquals(4, frames.frames().size(), frames.toString());
        assertEquals(List.of(0, 1, 2), frames.windows().stream().map(Frames.Frame::index).toList());
        for (int failed : new int[] {0, 2}) {
            var header = frames.windows().get(failed).header();
            assertEquals(java.util.Set.of("index", "error"), header.keySet());
            String error = (String) header.get("error");
            assertTrue(error.startsWith("cut.tif is damaged or truncated: the block at column 0, row 3 of band 1 cannot be read"), error);
            assertTrue(!error.contains("\n") && !error.contains(root.toString()), error);
        }
        float[] good = frames.windows().get(1).floats();
        assertEquals(64 * 64, good.length, "the window after a failed one still comes");
        assertEquals(63 + 63, good[64 * 64 - 1]);
        assertEquals(Map.of("end", true, "windows", 3), frames.end());
    }

    @Test
    @DisplayName("a slope recipe with -compute_edges, cached under the root: every window equals gdaldem slope -compute_edges")
    void slopeRecipe() {
        String demId = open("dem/dem.tif");
        var body = Map.of("recipe", "slope", "inputs", List.of(demId), "options", List.of("-compute_edges"), "cache", "slope-cache",
                "tileSize", 64);
        var opened = http.post("/api/rasters", body);
        assertEquals(200, opened.status(), opened.body());
        Map<String, Object> slope = opened.json();
        assertEquals("recipe", slope.get("kind"));
        assertEquals("terrain.slope of dem/dem.tif", slope.get("name"));
        assertEquals("Float32", slope.get("type"));
        assertEquals(64, slope.get("tileSize"));
        assertEquals(List.of(-9999.0), slope.get("noData"));
        assertEquals(GeoTiffs.EPSG, slope.get("epsg"));
        String id = (String) slope.get("id");
        assertNotEquals(demId, id);
        assertEquals(id, http.post("/api/rasters", body).json().get("id"), "the same recipe, the same id");

        Path expected = root.resolve("gdaldem-slope.tif");
        GdalTools.run("gdaldem", "slope", dem.toString(), expected.toString(), "-compute_edges", "-q");
        float[] oracle = GeoTiffs.read(expected, 1, Window.of(WIDTH, HEIGHT));
        var windows = new ArrayList<List<Integer>>();
        for (int y = 0; y < HEIGHT; y += 64) {
            for (int x = 0; x < WIDTH; x += 64) {
                windows.add(List.of(x, y, Math.min(64, WIDTH - x), Math.min(64, HEIGHT - y)));
            }
        }
        windows.add(List.of(10, 5, 100, 77)); // across cache tiles
        Frames frames = read(id, Map.of("windows", windows));
        assertEquals(windows.size(), frames.windows().size());
        for (var frame : frames.windows()) {
            List<Integer> w = windows.get(frame.index());
            float[] values = frame.floats();
            for (int y = 0; y < w.get(3); y++) {
                for (int x = 0; x < w.get(2); x++) {
                    float want = oracle[(w.get(1) + y) * WIDTH + w.get(0) + x];
                    assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(values[y * w.get(2) + x]),
                            () -> "window " + frame.index() + " differs from gdaldem: " + want);
                }
            }
        }
        assertTrue(Files.isRegularFile(root.resolve("slope-cache/recipe.properties")), "the cache folder under the data root");
        assertError(409, "recipe terrain.slope over these inputs with these parameters already caches in slope-cache",
                http.post("/api/rasters", Map.of("recipe", "slope", "inputs", List.of(demId), "options", List.of("-compute_edges"),
                        "cache", "elsewhere", "tileSize", 64)));
        Path other = root.resolve("dem/other.tif");
        try {
            Files.copy(dem, other);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var otherSlope = http.post("/api/rasters", Map.of("recipe", "slope", "inputs", List.of(open("dem/other.tif")),
                "cache", "other-slope-cache"));
        assertEquals(200, otherSlope.status(), "another DEM's slope caches in a folder of its own: " + otherSlope.body());
    }

    @Test
    @DisplayName("a client that goes away after one frame: the rest is cancelled and counted, the stream ends, nothing stays computed ahead")
    void clientDisconnects() throws Exception {
        String id = open("dem/dem.tif");
        var windows = new ArrayList<List<Integer>>();
        for (int i = 0; i < 3_000; i++) {
            windows.add(List.of((i * 13) % (WIDTH - 128), (i * 7) % (HEIGHT - 128), 128, 128));
        }
        byte[] body = JSON.writeValueAsBytes(Map.of("windows", windows, "readAheadBytes", 1 << 20));
        double chunksBefore = metric(http.get("/metrics").body(), "tilework_chunks_total");
        double sentBefore = metric(http.get("/metrics").body(), "tilework_raster_windows_sent_total");
        var connection = (HttpURLConnection) server.uri().resolve("/api/rasters/" + id + "/read").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        assertEquals(200, connection.getResponseCode());
        assertEquals("application/x-tilework-tiles", connection.getContentType());
        InputStream in = connection.getInputStream();
        Frames first = Frames.read(in, 1);
        assertEquals(0, first.frames().getFirst().index());
        connection.disconnect(); // closes the socket with the rest unread

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String metrics;
        do {
            metrics = http.get("/metrics").body();
            if (metric(metrics, "tilework_raster_windows_cancelled_total") > 0 && metric(metrics, "tilework_raster_streams_active") == 0) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        double cancelled = metric(metrics, "tilework_raster_windows_cancelled_total");
        assertTrue(cancelled > 0 && cancelled < 3_000, metrics);
        assertEquals(3_000, cancelled + metric(metrics, "tilework_raster_windows_sent_total"), "every window sent or cancelled");
        assertEquals(0, metric(metrics, "tilework_raster_streams_active"), metrics);
        assertEquals(0, metric(metrics, "tilework_raster_read_ahead_bytes"), metrics);
        // the engine stopped with the stream: beyond what was sent, at most the read-ahead was computed (64 KiB windows, 1 MiB: 16)
        Thread.sleep(500); // anything still running when the stream closed has ended
        double computed = metric(http.get("/metrics").body(), "tilework_chunks_total") - chunksBefore;
        double sent = metric(metrics, "tilework_raster_windows_sent_total") - sentBefore;
        assertTrue(computed <= sent + 16 + 2, "the engine computed " + computed + " windows for " + sent + " sent: the rest was cancelled");
    }

    @Test
    @DisplayName("with a token, the raster routes answer 401 without it and work with it")
    void tokenRequired(@TempDir Path other) {
        GeoTiffs.dem(other.resolve("dem.tif"), 40, 30);
        try (Server guarded = Server.start(ServerSettings.embedded(other, 0).withToken("raster-token-of-the-test"))) {
            var anonymous = new HttpCalls(guarded.uri());
            assertEquals(401, anonymous.post("/api/rasters", Map.of("path", "dem.tif")).status());
            assertEquals(401, anonymous.get("/api/rasters/r-0000").status());
            assertEquals(401, anonymous.post("/api/rasters/r-0000/read", Map.of("windows", List.of(List.of(0, 0, 1, 1)))).status());
            var bearer = new HttpCalls(guarded.uri()).header("Authorization", "Bearer raster-token-of-the-test");
            var opened = bearer.post("/api/rasters", Map.of("path", "dem.tif"));
            assertEquals(200, opened.status(), opened.body());
        }
    }

    private String open(String path) {
        var answer = http.post("/api/rasters", Map.of("path", path));
        assertEquals(200, answer.status(), answer.body());
        return (String) answer.json().get("id");
    }

    private Frames read(String id, Map<String, Object> body) {
        try {
            HttpRequest request = http.request("/api/rasters/" + id + "/read").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            HttpResponse<byte[]> response = http.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
            assertEquals("application/x-tilework-tiles", response.headers().firstValue("Content-Type").orElse(null));
            return Frames.of(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertError(int status, String message, HttpCalls.Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(status, answer.json().get("status"));
        assertTrue(answer.error().contains(message), () -> "expected \"" + message + "\" in " + answer.error());
    }

    private static double metric(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(metrics);
        if (!value.find()) {
            throw new AssertionError(name + " is not in\n" + metrics);
        }
        return Double.parseDouble(value.group(1));
    }
}
