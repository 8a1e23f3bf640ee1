package io.tilework.bench.charts;

import io.tilework.charts.catalog.CellFiles;
import io.tilework.charts.catalog.EncDirectory;
import io.tilework.charts.piece.Piece;
import io.tilework.charts.piece.PieceCodec;
import io.tilework.charts.stage.ChartGeometry;
import io.tilework.charts.stage.Reprojection;
import io.tilework.charts.stage.TileClipping;
import io.tilework.charts.tiles.TileGrid;
import io.tilework.charts.tiles.TileId;
import io.tilework.charts.tiles.ZoomRange;
import io.tilework.gdal.vector.Feature;
import io.tilework.gdal.vector.VectorDataset;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Tilework's stages 1 and 2 without what the ogr2ogr pipeline of bench/charts.sh does not do
 * (triangles, display points): per cell, {@link Reprojection} to a GeoPackage in EPSG:3857, then
 * every object read back and cut by {@link TileClipping} into the tiles of the chart's zooms, the
 * pieces written with {@link PieceCodec}. Cells run in name order on THREADS threads, like the
 * rival's cells under xargs -P. Prints the number of pieces. Arguments: ENC_DIR OUT THREADS.
 */
public final class ChartReprojectClip {

    private static final String CRS = "EPSG:3857";

    private ChartReprojectClip() {
    }

    public static void main(String[] args) throws Exception {
        Path encRoot = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        int threads = Integer.parseInt(args[2]);
        TileGrid grid = TileGrid.of(CRS);
        List<CellFiles> cells = EncDirectory.scan(encRoot).cells();
        long pieces = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            var results = new ArrayList<Future<Long>>();
            for (CellFiles cell : cells) {
                results.add(pool.submit(() -> reprojectAndClip(cell, grid, out)));
            }
            for (Future<Long> result : results) {
                pieces += result.get();
            }
        }
        System.out.println("tilework: " + cells.size() + " cells, " + pieces + " pieces");
    }

    private static long reprojectAndClip(CellFiles cell, TileGrid grid, Path out) throws IOException {
        Path reprojected = out.resolve(cell.name() + ".gpkg");
        Files.deleteIfExists(reprojected);
        Reprojection.ChartHeader header = Reprojection.run(cell, CRS, reprojected);
        ZoomRange zooms = ZoomRange.forChart(grid, header.compilationScale(), cell.band());
        long[] count = new long[1];
        try (VectorDataset in = VectorDataset.open(reprojected);
             Stream<Feature> features = in.layer(Reprojection.FEATURES).features();
             var pieces = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out.resolve(cell.name() + ".pieces")), 1 << 16))) {
            features.forEach(feature -> {
                if (feature.geometry() == null) {
                    return;
                }
                var template = new Piece(new TileId(0, 0, 0), cell.name(), (String) feature.get("class"),
                        ((Number) feature.get("rcid")).longValue(), Piece.Kind.FEATURE, (String) feature.get("attributes"), null, null);
                TileClipping.clip(ChartGeometry.valid(feature.geometry()), grid, zooms, (tile, piece) -> {
                    try {
                        PieceCodec.write(pieces, template.withTile(tile).withGeometry(piece, null));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    count[0]++;
                });
            });
        }
        return count[0];
    }
}
