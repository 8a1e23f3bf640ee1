package io.tilework.app;

import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.GeoTiffOptions;
import io.tilework.gdal.raster.GeoTransform;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.RasterSpec;
import io.tilework.gdal.raster.Window;
import io.tilework.gdal.srs.SpatialReference;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run of the JVM's ahead-of-time cache (JEP 483/514/515), made by {@code make build}
 * ({@code scripts/aot-cache.sh}): runs the short commands users run most, the way
 * {@link Main} runs them, on a small DEM and a small sales export it makes in a temporary folder, so that the
 * cache holds the classes they load, already linked, and the profiles of their hot methods. Later
 * runs of {@code bin/tilework} then skip most of the JVM's start-up work.
 *
 * <p>Not a command: {@code java -XX:AOTCacheOutput=FILE -cp tilework.jar io.tilework.app.AotTraining}.
 */
public final class AotTraining {

    /** Big enough for several tiles per command, small enough to take a second or two. */
    private static final int DEM_SIZE = 1024;
    /** Rows of the sales training: enough for the map step to be compiled, a second of the build. */
    private static final int SALES_ROWS = 200_000;

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Files.createTempDirectory("tilework-aot-training");
        try {
            Path dem = folder.resolve("dem.tif");
            writeDem(dem);
            String cache = folder.resolve("cache").toString();
            BuildVersion.print(new java.io.PrintStream(OutputStream.nullOutputStream()));
            run("--version");
            run("--help");
            run("info", dem.toString());
            run("raster", "--help");
            run("raster", "slope", dem.toString(), folder.resolve("slope.tif").toString(), "--cache", cache, "--quiet");
            run("raster", "slope", dem.toString(), folder.resolve("again.tif").toString(), "--cache", cache, "--quiet");
            run("raster", "slope", dem.toString(), folder.resolve("plain.tif").toString(), "--quiet");
            // the sales report: its classes (Jackson's for report.json among them) and the map step's profiles
            String sales = folder.resolve("transactions.csv").toString();
            run("sales", "generate", "--rows", String.valueOf(SALES_ROWS), "--seed", "1", "--out", sales);
            run("sales", "report", sales, "--out", folder.resolve("sales-report").toString(), "--quiet");
            // inspect, and a report through the schema it proposes: the schema reader's classes and paths
            String schema = folder.resolve("transactions.yaml").toString();
            run("sales", "inspect", sales, "--out", schema);
            run("sales", "report", sales, "--schema", schema, "--out", folder.resolve("schema-report").toString(), "--quiet");
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Runs one command line as {@code main} would, its output discarded; a failure stops the training. */
    private static void run(String... args) {
        var discard = new PrintWriter(OutputStream.nullOutputStream(), true);
        var errors = new java.io.StringWriter();
        int exit = Tilework.commandLine(args).setOut(discard).setErr(new PrintWriter(errors, true)).execute(args);
        if (exit != 0) {
            throw new IllegalStateException("training run 'tilework " + String.join(" ", args) + "' exited " + exit
                    + ": " + errors);
        }
    }

    /** A smooth, non-flat Float32 DEM in UTM metres, tiled like the rasters users give. */
    private static void writeDem(Path dem) {
        var options = GeoTiffOptions.defaults().tiled(512, 512);
        try (var dataset = RasterDataset.createGeoTiff(dem, new RasterSpec(DEM_SIZE, DEM_SIZE, 1, DataType.FLOAT32), options);
             var utm = SpatialReference.fromEpsg(32611)) {
            dataset.setGeoTransform(new GeoTransform(400_000, 30, 0, 3_800_000, 0, -30));
            dataset.setSpatialReference(utm);
            float[] row = new float[DEM_SIZE];
            for (int y = 0; y < DEM_SIZE; y++) {
                for (int x = 0; x < DEM_SIZE; x++) {
                    row[x] = (float) (500 + 200 * Math.sin(x / 60.0) * Math.cos(y / 45.0) + 0.05 * x * y / DEM_SIZE);
                }
                dataset.write(new Window(0, y, DEM_SIZE, 1), 1, DataType.FLOAT32, row);
            }
        }
    }
}
