package io.tilework.charts.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.charts.ChartProduction;
import io.tilework.charts.catalog.CellProblem;
import io.tilework.charts.failure.ProductRequestInvalid;
import io.tilework.charts.tiles.TileGrid;
import io.tilework.charts.tiles.TileId;
import io.tilework.gdal.vector.Feature;
import io.tilework.gdal.vector.Layer;
import io.tilework.gdal.vector.VectorDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * What a person checks before releasing a chart product: what {@code charts.produce} said in
 * {@code summary.json} (cells done, failed and why), the product's size, and a few of its tiles
 * drawn as PNG images ({@link TileImage}): the tiles with the most features, so the images show
 * the charts rather than empty sea.
 */
public final class ProductCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param cells    cells found in the input folder
     * @param produced cells made into the product
     * @param failed   cells that failed
     * @param failures each failure: the cell, the stage and why
     * @param bytes    the product's files (MBTiles, GeoPackage, summary), in bytes
     * @param tiles    the product's tiles
     * @param images   the PNG files drawn, relative paths as given
     */
    public record Summary(String product, int cells, int produced, int failed, List<CellProblem> failures, long bytes,
            long tiles, List<String> images) {
    }

    private ProductCheck() {
    }

    /**
     * Checks {@code product} (a folder {@code charts.produce} wrote) and draws {@code count} of its
     * tiles, {@code size} pixels square, into {@code images} as {@code z-x-y.png}.
     * {@code cancelled} is asked between images.
     */
    public static Summary run(Path product, Path images, int count, int size, BooleanSupplier cancelled) throws IOException {
        Path summaryFile = product.resolve(ChartProduction.SUMMARY);
        Path geopackage = product.resolve(ChartProduction.GEOPACKAGE);
        if (!Files.isRegularFile(summaryFile) || !Files.isRegularFile(geopackage)) {
            throw new ProductRequestInvalid(product + " holds no chart product (" + ChartProduction.SUMMARY + " and "
                    + ChartProduction.GEOPACKAGE + "); give the folder charts.produce wrote (its out)");
        }
        JsonNode summary = JSON.readTree(summaryFile.toFile());
        var failures = new ArrayList<CellProblem>();
        summary.path("failures").forEach(f -> failures.add(new CellProblem(f.path("cell").asText(), f.path("stage").asText(),
                f.path("message").asText())));
        long bytes = 0;
        for (String name : List.of(ChartProduction.MBTILES, ChartProduction.GEOPACKAGE, ChartProduction.SUMMARY)) {
            Path file = product.resolve(name);
            if (Files.isRegularFile(file)) {
                bytes += Files.size(file);
            }
        }
        TileGrid grid = TileGrid.of(summary.path("crs").asText("EPSG:3857"));
        Files.createDirectories(images);
        var drawn = new ArrayList<String>();
        for (TileId tile : busiestTiles(geopackage, count)) {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("charts.check cancelled after " + drawn.size() + " images");
            }
            Path png = images.resolve(tile.z() + "-" + tile.x() + "-" + tile.y() + ".png");
            TileImage.render(geopackage, grid, tile, size, png);
            drawn.add(png.toString());
        }
        return new Summary(product.toString(), summary.path("cells").asInt(), summary.path("produced").asInt(), failures.size(),
                List.copyOf(failures), bytes, summary.path("tiles").asLong(), List.copyOf(drawn));
    }

    /** The {@code count} tiles with the most triangle features, busiest first (ties: lower zoom, then y, then x). */
    static List<TileId> busiestTiles(Path geopackage, int count) {
        var features = new HashMap<TileId, Integer>();
        try (VectorDataset product = VectorDataset.open(geopackage)) {
            Layer triangles = product.layer("triangles");
            try (Stream<Feature> all = triangles.features()) {
                all.forEach(f -> features.merge(new TileId(((Number) f.get("z")).intValue(), ((Number) f.get("x")).intValue(),
                        ((Number) f.get("y")).intValue()), 1, Integer::sum));
            }
        }
        return features.entrySet().stream()
                .sorted(Map.Entry.<TileId, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(count).map(Map.Entry::getKey).toList();
    }
}
