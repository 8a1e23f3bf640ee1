package io.tilework.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.charts.check.ProductCheck;
import io.tilework.charts.failure.ProductRequestInvalid;
import io.tilework.charts.release.ProductRelease;
import io.tilework.engine.CancellationToken;
import io.tilework.engine.Engine;
import io.tilework.engine.job.Job;
import io.tilework.engine.job.JobContext;
import io.tilework.engine.job.JobParameters;
import io.tilework.engine.job.Jobs;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("charts.check and charts.release: the operator's summary with tiles drawn, and a release whole or not at all")
class ChartsCheckReleaseJobsTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("a product with a failed cell: the check counts it with its reason, sizes the product, draws 4 tiles; the release copies it once")
    void check_thenRelease() throws Exception {
        Path enc = ChartCells.copy(temp.resolve("enc"), "AA5C1AB1", "AA5C1AB2", "US5MA12M");
        Path damaged = enc.resolve("US5MA12M/US5MA12M.000");
        byte[] bytes = Files.readAllBytes(damaged);
        Files.write(damaged, Arrays.copyOf(bytes, bytes.length / 3)); // as ChartProductionTest makes a failed cell
        Path product = temp.resolve("product");
        run("charts.produce", Map.of("encDir", enc.toString(), "out", product.toString()));

        Path images = Path.of("target", "check-images"); // kept, to look at
        if (Files.isDirectory(images)) {
            try (Stream<Path> old = Files.list(images)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        var check = (ProductCheck.Summary) run("charts.check", Map.of("product", product.toString(), "images", images.toString()));
        assertEquals(3, check.cells());
        assertEquals(2, check.produced());
        assertEquals(1, check.failed());
        assertEquals("US5MA12M", check.failures().getFirst().cell());
        assertTrue(check.failures().getFirst().message().contains("truncated or damaged"), check.failures().toString());
        assertEquals(Files.size(product.resolve(ChartProduction.MBTILES)) + Files.size(product.resolve(ChartProduction.GEOPACKAGE))
                + Files.size(product.resolve(ChartProduction.SUMMARY)), check.bytes());
        assertEquals(4, check.images().size());
        for (String image : check.images()) {
            try (RasterDataset png = RasterDataset.open(Path.of(image))) {
                assertEquals("PNG", png.driverName());
                assertEquals(256, png.width());
                assertEquals(3, png.bandCount());
                // the tile's features are drawn: several colours, and not all of it the white background
                var colours = new HashSet<Integer>();
                byte[][] bands = new byte[3][256 * 256];
                for (int band = 0; band < 3; band++) {
                    png.read(new Window(0, 0, 256, 256), band + 1, DataType.BYTE, bands[band]);
                }
                long background = 0;
                for (int i = 0; i < 256 * 256; i++) {
                    int rgb = (bands[0][i] & 0xFF) << 16 | (bands[1][i] & 0xFF) << 8 | (bands[2][i] & 0xFF);
                    colours.add(rgb);
                    background += rgb == 0xFFFFFF ? 1 : 0;
                }
                assertTrue(colours.size() > 3, image + ": " + colours.size() + " colours");
                assertTrue(background < 256 * 256 * 9 / 10, image + ": " + background + " white pixels of " + 256 * 256);
            }
        }

        Path release = temp.resolve("releases/2026-1");
        var released = (ProductRelease.Released) run("charts.release", Map.of("product", product.toString(), "release", release.toString()));
        assertEquals(List.of(ChartProduction.MBTILES, ChartProduction.GEOPACKAGE, ChartProduction.SUMMARY), released.files());
        for (String name : released.files()) {
            assertArrayEquals(Files.readAllBytes(product.resolve(name)), Files.readAllBytes(release.resolve(name)), name);
        }
        assertTrue(Files.notExists(release.resolve(ChartProduction.WORK)), "work files are not released");
        var refused = assertThrows(ProductRequestInvalid.class,
                () -> run("charts.release", Map.of("product", product.toString(), "release", release.toString())));
        assertTrue(refused.getMessage().contains("exists already"), refused.getMessage());
        var replaced = (ProductRelease.Released) run("charts.release", Map.of("product", product.toString(), "release", release.toString(),
                "replace", true));
        assertTrue(replaced.replaced());
        try (Stream<Path> beside = Files.list(release.getParent())) {
            assertEquals(List.of(release), beside.toList(), "no staging or replaced folder is left");
        }
    }

    @Test
    @DisplayName("a folder that is not a product: the check and the release say so, and nothing is released")
    void notAProduct_isRefused() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));
        var check = assertThrows(ProductRequestInvalid.class,
                () -> run("charts.check", Map.of("product", empty.toString(), "images", temp.resolve("images").toString())));
        assertTrue(check.getMessage().contains("holds no chart product"), check.getMessage());
        Path release = temp.resolve("release");
        assertThrows(ProductRequestInvalid.class, () -> run("charts.release", Map.of("product", empty.toString(), "release", release.toString())));
        assertTrue(Files.notExists(release));
    }

    @SuppressWarnings("unchecked")
    private static Object run(String name, Map<String, ?> parameters) throws Exception {
        Job<Object> job = (Job<Object>) Jobs.discover().get(name);
        try (Engine engine = Engine.builder().build()) {
            return job.run(new JobContext(engine, JobContext.Progress.NONE, CancellationToken.NONE),
                    JobParameters.bind(parameters, job.parametersType()));
        }
    }
}
