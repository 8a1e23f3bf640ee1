package io.tilework.charts.stage;

import io.tilework.charts.catalog.CellFiles;
import io.tilework.charts.catalog.S57Cell;
import io.tilework.gdal.srs.CoordinateTransform;
import io.tilework.gdal.srs.SpatialReference;
import io.tilework.gdal.vector.Feature;
import io.tilework.gdal.vector.FieldDefinition;
import io.tilework.gdal.vector.FieldType;
import io.tilework.gdal.vector.GeometryType;
import io.tilework.gdal.vector.Layer;
import io.tilework.gdal.vector.VectorDataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Stage 1: every object of a cell, updates applied, with its object class, its attributes and
 * its geometry in the product's CRS, stored as one GeoPackage per chart: table {@code features}
 * (class, rcid, attributes as JSON, geometry; soundings keep their depth as Z) and table
 * {@code chart} (one row: what the cell's DSID says).
 */
public final class Reprojection {

    public static final String FEATURES = "features";
    public static final String CHART = "chart";

    /** What stage 1 learnt of a chart, kept in its GeoPackage for the later stages. */
    public record ChartHeader(String name, int band, int edition, int updateNumber, String issueDate, int compilationScale,
                              long features) {
    }

    private Reprojection() {
    }

    public static ChartHeader run(CellFiles files, String crs, Path output) throws IOException {
        long[] count = new long[1];
        ChartHeader[] header = new ChartHeader[1];
        WorkFiles.writeAtomically(output, temporary -> {
            try (S57Cell cell = S57Cell.open(files);
                 SpatialReference target = SpatialReference.fromUserInput(crs);
                 SpatialReference wgs84 = SpatialReference.fromEpsg(4326);
                 CoordinateTransform transform = CoordinateTransform.between(wgs84, target);
                 VectorDataset out = VectorDataset.create("GPKG", temporary, Map.of())) {
                Layer features = out.createLayer(FEATURES, target, GeometryType.UNKNOWN, List.of(
                        new FieldDefinition("class", FieldType.STRING),
                        new FieldDefinition("rcid", FieldType.INTEGER64),
                        new FieldDefinition("attributes", FieldType.STRING)), Map.of("SPATIAL_INDEX", "NO"));
                out.inTransaction(() -> count[0] = cell.forEachObject((layer, object) -> {
                    var attributes = new LinkedHashMap<String, Object>();
                    attributes.put("class", layer.name());
                    attributes.put("rcid", rcid(object));
                    attributes.put("attributes", Attributes.json(object.attributes()));
                    features.write(Feature.of(attributes, object.geometry() == null ? null : transform.transform(object.geometry())));
                }));
                header[0] = new ChartHeader(files.name(), files.band().number(), cell.edition(), cell.updateNumber(),
                        cell.issueDate(), cell.compilationScale(), count[0]);
                Layer chart = out.createLayer(CHART, null, GeometryType.NONE, List.of(
                        new FieldDefinition("name", FieldType.STRING),
                        new FieldDefinition("band", FieldType.INTEGER),
                        new FieldDefinition("edition", FieldType.INTEGER),
                        new FieldDefinition("update_number", FieldType.INTEGER),
                        new FieldDefinition("issue_date", FieldType.STRING),
                        new FieldDefinition("compilation_scale", FieldType.INTEGER),
                        new FieldDefinition("features", FieldType.INTEGER64)), Map.of());
                ChartHeader h = header[0];
                chart.write(Feature.of(Map.of("name", h.name(), "band", h.band(), "edition", h.edition(),
                        "update_number", h.updateNumber(), "issue_date", h.issueDate(), "compilation_scale", h.compilationScale(),
                        "features", h.features()), null));
            }
        });
        return header[0];
    }

    /** The header a finished stage 1 stored. */
    public static ChartHeader header(Path output) {
        try (VectorDataset in = VectorDataset.open(output);
             Stream<Feature> rows = in.layer(CHART).features()) {
            Feature row = rows.findFirst().orElseThrow(() -> new IllegalStateException(output + " has no chart row"));
            return new ChartHeader((String) row.get("name"), number(row, "band"), number(row, "edition"), number(row, "update_number"),
                    (String) row.get("issue_date"), number(row, "compilation_scale"), ((Number) row.get("features")).longValue());
        }
    }

    private static int number(Feature row, String field) {
        return ((Number) row.get(field)).intValue();
    }

    /** The object's record id in the cell (RCID), or the id GDAL gave it. */
    private static long rcid(Feature object) {
        return object.get("RCID") instanceof Number number ? number.longValue() : object.fid();
    }
}
