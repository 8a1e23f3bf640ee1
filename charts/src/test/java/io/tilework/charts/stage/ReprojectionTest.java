package io.tilework.charts.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.charts.ChartCells;
import io.tilework.charts.catalog.CellFiles;
import io.tilework.charts.catalog.S57Cell;
import io.tilework.gdal.vector.Feature;
import io.tilework.gdal.vector.VectorDataset;
import io.tilework.testkit.TestData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Coordinate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@DisplayName("Stage 1: cells reprojected into one GeoPackage per chart")
class ReprojectionTest {

    private static final List<String> NOT_OBJECTS = List.of("DSID", "IsolatedNode", "ConnectedNode", "Edge", "Face");

    @TempDir
    Path temp;

    static Stream<String> cells() {
        return ChartCells.all().stream().map(CellFiles::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    @DisplayName("objects per class equal GDAL's counts in the oracle (updates applied, soundings split)")
    void countsPerClass_matchOracle(String name) throws IOException {
        JsonNode oracle = new ObjectMapper().readTree(TestData.oracle("s57/" + name + ".json").toFile()).get("options").get("split_soundg");
        var expected = new TreeMap<String, Long>();
        oracle.get("layers").properties().forEach(layer -> {
            if (!NOT_OBJECTS.contains(layer.getKey()) && layer.getValue().get("count").asLong() > 0) {
                expected.put(layer.getKey(), layer.getValue().get("count").asLong());
            }
        });
        Path output = temp.resolve(name + ".gpkg");
        Reprojection.ChartHeader header = Reprojection.run(ChartCells.cell(name), "EPSG:3857", output);
        var actual = new TreeMap<String, Long>();
        try (VectorDataset in = VectorDataset.open(output); Stream<Feature> features = in.layer(Reprojection.FEATURES).features()) {
            features.forEach(f -> actual.merge((String) f.get("class"), 1L, Long::sum));
        }
        long total = expected.values().stream().mapToLong(Long::longValue).sum();
        assertAll(
                () -> assertEquals(expected, actual),
                () -> assertEquals(total, header.features()),
                () -> assertEquals(header, Reprojection.header(output), "header read back"));
    }

    @Test
    @DisplayName("US5WA22M with its 4 updates; soundings keep their depth as Z and land where spherical Mercator puts them")
    void soundings_keepDepth_andAreProjected() throws IOException {
        CellFiles tacoma = ChartCells.cell("US5WA22M");
        Path output = temp.resolve("US5WA22M.gpkg");
        Reprojection.ChartHeader header = Reprojection.run(tacoma, "EPSG:3857", output);
        assertEquals(4, header.updateNumber());
        List<Coordinate> source;
        try (S57Cell cell = S57Cell.open(tacoma);
             Stream<Feature> soundings = cell.objectClassLayers().stream().filter(l -> l.name().equals("SOUNDG")).findFirst()
                     .orElseThrow().features()) {
            source = soundings.map(f -> f.geometry().getCoordinate()).toList();
        }
        List<Feature> projected;
        try (VectorDataset in = VectorDataset.open(output); Stream<Feature> features = in.layer(Reprojection.FEATURES).features()) {
            projected = features.filter(f -> "SOUNDG".equals(f.get("class"))).toList();
        }
        assertEquals(977, projected.size());
        assertEquals(source.size(), projected.size());
        double radius = 6378137.0;
        for (int i = 0; i < projected.size(); i++) {
            Coordinate lonLat = source.get(i);
            Coordinate xy = projected.get(i).geometry().getCoordinate();
            Map<String, Object> attributes = Attributes.parse((String) projected.get(i).get("attributes"));
            double depth = ((Number) attributes.get("DEPTH")).doubleValue();
            assertFalse(Double.isNaN(xy.getZ()), "sounding " + i + " lost its Z");
            assertEquals(depth, xy.getZ(), 1e-9, "sounding " + i + ": Z is its depth");
            assertEquals(lonLat.getZ(), xy.getZ(), 1e-9, "sounding " + i + ": depth as read from the cell");
            assertEquals(radius * Math.toRadians(lonLat.x), xy.x, 1e-6, "sounding " + i + " x");
            assertEquals(radius * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lonLat.y) / 2)), xy.y, 1e-6, "sounding " + i + " y");
        }
    }
}
