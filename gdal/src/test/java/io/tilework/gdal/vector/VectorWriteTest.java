package io.tilework.gdal.vector;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.testkit.GdalTools;
import io.tilework.gdal.srs.SpatialReference;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

@DisplayName("writing vector layers: GPKG, GeoJSON, MBTiles")
class VectorWriteTest {

    private static final List<FieldDefinition> FIELDS = List.of(
            new FieldDefinition("name", FieldType.STRING),
            new FieldDefinition("depth", FieldType.REAL),
            new FieldDefinition("count", FieldType.INTEGER64));

    @TempDir
    Path temp;

    @Test
    @DisplayName("GPKG: features written in a transaction read back equal, and ogrinfo agrees")
    void geopackage_roundTrip() throws ParseException {
        Path file = temp.resolve("buoys.gpkg");
        List<Feature> written = sampleFeatures();
        try (VectorDataset dataset = VectorDataset.create("GPKG", file, Map.of());
             SpatialReference wgs84 = SpatialReference.fromEpsg(4326)) {
            Layer layer = dataset.createLayer("buoys", wgs84, GeometryType.POINT, FIELDS, Map.of());
            dataset.inTransaction(() -> written.forEach(layer::write));
        }
        String summary = GdalTools.run("ogrinfo", "-ro", "-so", file.toString(), "buoys");
        assertTrue(summary.contains("Feature Count: 3"), summary);

        try (VectorDataset dataset = VectorDataset.open(file)) {
            Layer layer = dataset.layer("buoys");
            List<Feature> read = layer.features().toList();
            assertEquals(3, read.size());
            for (int i = 0; i < 3; i++) {
                Feature expected = written.get(i);
                Feature actual = read.get(i);
                assertAll("feature " + i,
                        () -> assertEquals(expected.attributes(), actual.attributes()),
                        () -> assertTrue(expected.geometry().equalsExact(actual.geometry()), actual.geometry().toText()));
            }
            assertEquals(FIELDS, layer.fields());
            assertEquals(4326, layer.spatialReference().orElseThrow().epsgCode().orElseThrow());
            assertEquals("Point", layer.geometryType().ogrName());
        }
    }

    @Test
    @DisplayName("GPKG: a failing transaction leaves no feature behind")
    void geopackage_rollbackOnFailure() {
        Path file = temp.resolve("rollback.gpkg");
        try (VectorDataset dataset = VectorDataset.create("GPKG", file, Map.of())) {
            Layer layer = dataset.createLayer("buoys", null, GeometryType.POINT, FIELDS, Map.of());
            var failure = assertThrows(IllegalArgumentException.class, () -> dataset.inTransaction(() -> {
                sampleFeatures().forEach(layer::write);
                layer.write(Feature.of(Map.of("no_such_field", 1), null));
            }));
            assertTrue(failure.getMessage().contains("no_such_field"), failure.getMessage());
        }
        try (VectorDataset dataset = VectorDataset.open(file)) {
            assertEquals(0, dataset.layer("buoys").featureCount());
        }
    }

    @Test
    @DisplayName("a geometry for a layer without geometry is an error, not silently dropped")
    void geometryOnGeometrylessLayer_throws() {
        try (VectorDataset dataset = VectorDataset.create("GPKG", temp.resolve("table.gpkg"), Map.of())) {
            Layer layer = dataset.createLayer("table", null, GeometryType.NONE, FIELDS, Map.of());
            var e = assertThrows(io.tilework.gdal.GdalException.class, () -> layer.write(sampleFeatures().getFirst()));
            assertTrue(e.getMessage().contains("layer table"), e.getMessage());
        }
    }

    @Test
    @DisplayName("filters: attribute and spatial filters select as OGR SQL would")
    void filters_selectFeatures() throws ParseException {
        Path file = temp.resolve("filtered.gpkg");
        try (VectorDataset dataset = VectorDataset.create("GPKG", file, Map.of())) {
            Layer layer = dataset.createLayer("buoys", null, GeometryType.POINT, FIELDS, Map.of());
            dataset.inTransaction(() -> sampleFeatures().forEach(layer::write));
            layer.setAttributeFilter("depth > 5");
            assertEquals(List.of("B", "C"), layer.features().map(f -> f.get("name")).toList());
            layer.setAttributeFilter(null);
            layer.setSpatialFilter(new Envelope(1.5, 3.5, 2.5, 4.5));
            assertEquals(List.of("A", "B"), layer.features().map(f -> f.get("name")).toList());
            layer.setSpatialFilter(new WKTReader().read("POLYGON ((6 8, 8 8, 8 10, 6 10, 6 8))"));
            assertEquals(List.of("C"), layer.features().map(f -> f.get("name")).toList());
            layer.setSpatialFilter((Geometry) null);
            assertEquals(3, layer.featureCount());
            // GPKG hands the clause to SQLite, which rejects it when features are read
            var bad = assertThrows(io.tilework.gdal.GdalException.class, () -> {
                layer.setAttributeFilter("depth >>> 1");
                layer.features().count();
            });
            assertTrue(bad.getMessage().contains("layer buoys"), bad.getMessage());
        }
    }

    @Test
    @DisplayName("GeoJSON: a driver without transactions still writes, and ogrinfo reads it back")
    void geojson_writesWithoutTransactions() {
        Path file = temp.resolve("buoys.geojson");
        try (VectorDataset dataset = VectorDataset.create("GeoJSON", file, Map.of());
             SpatialReference wgs84 = SpatialReference.fromEpsg(4326)) {
            Layer layer = dataset.createLayer("buoys", wgs84, GeometryType.POINT, FIELDS, Map.of());
            dataset.inTransaction(() -> sampleFeatures().forEach(layer::write));
        }
        String summary = GdalTools.run("ogrinfo", "-ro", "-al", "-so", file.toString());
        assertTrue(summary.contains("Feature Count: 3"), summary);
        try (VectorDataset dataset = VectorDataset.open(file)) {
            assertEquals(List.of("A", "B", "C"), dataset.layer(0).features().map(f -> f.get("name")).toList());
        }
    }

    @Test
    @DisplayName("MBTiles: vector tiles are written and GDAL reads the features back")
    void mbtiles_writesVectorTiles() {
        Path file = temp.resolve("buoys.mbtiles");
        try (VectorDataset dataset = VectorDataset.create("MBTiles", file, Map.of("MAXZOOM", "5"));
             SpatialReference wgs84 = SpatialReference.fromEpsg(4326)) {
            Layer layer = dataset.createLayer("buoys", wgs84, GeometryType.POINT, FIELDS, Map.of());
            dataset.inTransaction(() -> sampleFeatures().forEach(layer::write));
        }
        String summary = GdalTools.run("ogrinfo", "-ro", "-al", "-so", file.toString());
        assertTrue(summary.contains("Layer name: buoys"), summary);
        try (VectorDataset dataset = VectorDataset.open(file)) {
            assertEquals(3, dataset.layer("buoys").featureCount());
        }
    }

    /** Points well inside zoom-5 web-mercator tiles, so MBTiles keeps each in exactly one tile. */
    private static List<Feature> sampleFeatures() {
        var factory = new org.locationtech.jts.geom.GeometryFactory();
        return List.of(
                feature("A", 2.5, 1, factory.createPoint(new org.locationtech.jts.geom.Coordinate(2.1, 3.2))),
                feature("B", 12.0, 2, factory.createPoint(new org.locationtech.jts.geom.Coordinate(3.3, 4.1))),
                feature("C", 30.25, 3, factory.createPoint(new org.locationtech.jts.geom.Coordinate(6.7, 8.9))));
    }

    private static Feature feature(String name, double depth, long count, Geometry geometry) {
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("name", name);
        attributes.put("depth", depth);
        attributes.put("count", count);
        return Feature.of(attributes, geometry);
    }
}
