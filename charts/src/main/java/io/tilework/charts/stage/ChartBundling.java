package io.tilework.charts.stage;

import io.tilework.charts.catalog.CellInfo;
import io.tilework.charts.piece.ChartBundle;
import io.tilework.charts.piece.Piece;
import io.tilework.charts.piece.PieceFiles;
import io.tilework.charts.tiles.TileId;
import io.tilework.charts.tiles.ZoomRange;
import io.tilework.gdal.vector.Feature;
import io.tilework.gdal.vector.Layer;
import io.tilework.gdal.vector.VectorDataset;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Stage 3, post-production per chart: the chart's data coverage in the product's CRS, and its
 * pieces sorted into tiles behind an index (a {@link ChartBundle}), ready for the merge per tile.
 */
public final class ChartBundling {

    private ChartBundling() {
    }

    public static ChartBundle.Description run(Reprojection.ChartHeader header, ZoomRange zooms, Path reprojected,
                                              Path produced, Path output) throws IOException {
        Geometry coverage = coverage(reprojected);
        var byTile = new TreeMap<TileId, List<Piece>>();
        long pieces = 0;
        long displayPoints = 0;
        for (Piece piece : PieceFiles.readAll(produced)) {
            byTile.computeIfAbsent(piece.tile(), t -> new ArrayList<>()).add(piece);
            if (piece.kind() == Piece.Kind.FEATURE) {
                pieces++;
            } else {
                displayPoints++;
            }
        }
        var description = new ChartBundle.Description(header.name(), header.band(), header.compilationScale(), zooms.min(),
                zooms.max(), header.features(), pieces, displayPoints);
        WorkFiles.writeAtomically(output, temporary -> ChartBundle.write(temporary, description, coverage, byTile));
        return description;
    }

    /**
     * The union of the chart's M_COVR areas with data; for a chart without M_COVR (test sets
     * such as ECDIS Chart 1), the rectangle around its data.
     */
    static Geometry coverage(Path reprojected) {
        try (VectorDataset in = VectorDataset.open(reprojected)) {
            Layer features = in.layer(Reprojection.FEATURES);
            var areas = new ArrayList<Geometry>();
            var extent = new Envelope();
            try (Stream<Feature> objects = features.features()) {
                objects.filter(object -> object.geometry() != null).forEach(object -> {
                    extent.expandToInclude(object.geometry().getEnvelopeInternal());
                    if ("M_COVR".equals(object.get("class"))) {
                        var cover = new Feature(object.fid(), Attributes.parse((String) object.get("attributes")), object.geometry());
                        if (CellInfo.withData(cover)) {
                            areas.add(ChartGeometry.valid(object.geometry()));
                        }
                    }
                });
            }
            if (areas.isEmpty()) {
                return ChartGeometry.factory().toGeometry(extent);
            }
            return UnaryUnionOp.union(areas);
        }
    }
}
