package io.tilework.gdal.vector;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Geometry;

/**
 * Every shared S-57 cell, read feature by feature (attributes and geometry), gives the layers,
 * feature counts and geometry types in {@code oracles/s57/<cell>.json}, for each option set the
 * oracle was made with.
 */
@DisplayName("S-57 cells read as GDAL's S57 driver reports them")
class S57CellTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, String> SPLIT_SOUNDINGS =
            Map.of("SPLIT_MULTIPOINT", "ON", "ADD_SOUNDG_DEPTH", "ON", "UPDATES", "APPLY");

    /**
     * The open options behind each option set of the oracle files. The "split_soundg" oracles
     * also list the four vector-primitive layers (which only RETURN_PRIMITIVES=ON creates) with
     * no features, so that set is read with primitives on and their layers are compared by name
     * only; see {@link #PRIMITIVE_LAYERS}.
     */
    private static final Map<String, Map<String, String>> OPTION_SETS = Map.of(
            "default", Map.of(),
            "no_updates", Map.of("UPDATES", "IGNORE"),
            "split_soundg", withPrimitives(SPLIT_SOUNDINGS));

    /** S-57 vector primitives; GDAL returns them as layers of their own with RETURN_PRIMITIVES=ON. */
    private static final List<String> PRIMITIVE_LAYERS = List.of("IsolatedNode", "ConnectedNode", "Edge", "Face");

    private static Map<String, String> withPrimitives(Map<String, String> options) {
        var all = new TreeMap<>(options);
        all.put("RETURN_PRIMITIVES", "ON");
        return all;
    }

    static Stream<Arguments> cellsAndOptions() throws IOException {
        var cases = new ArrayList<Arguments>();
        try (Stream<Path> oracles = Files.list(TestData.oracle("s57"))) {
            for (Path oracle : oracles.sorted().toList()) {
                String cell = oracle.getFileName().toString().replace(".json", "");
                JsonNode options = JSON.readTree(oracle.toFile()).get("options");
                options.fieldNames().forEachRemaining(set -> cases.add(Arguments.of(cell, set)));
            }
        }
        assertFalse(cases.isEmpty(), "no S-57 oracles found");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cellsAndOptions")
    void layersCountsAndGeometryTypes_matchOracle(String cell, String optionSet) throws IOException {
        JsonNode expected = JSON.readTree(TestData.oracle("s57/" + cell + ".json").toFile()).get("options").get(optionSet);
        try (VectorDataset dataset = VectorDataset.open(cellFile(cell), OPTION_SETS.get(optionSet))) {
            var checks = new ArrayList<Executable>();
            var actualLayers = new TreeMap<String, Map<String, Long>>();
            long total = 0;
            for (Layer layer : dataset.layers()) {
                if (PRIMITIVE_LAYERS.contains(layer.name())) {
                    actualLayers.put(layer.name(), Map.of()); // the oracle records primitives by name only
                    continue;
                }
                Map<String, Long> types = new TreeMap<>();
                try (Stream<Feature> features = layer.features()) {
                    features.forEach(feature -> types.merge(typeName(feature.geometry()), 1L, Long::sum));
                }
                long count = types.values().stream().mapToLong(Long::longValue).sum();
                checks.add(() -> assertEquals(count, layer.featureCount(), layer.name() + " counted vs read"));
                actualLayers.put(layer.name(), types);
                total += count;
            }
            var expectedLayers = new TreeMap<String, Map<String, Long>>();
            expected.get("layers").properties().forEach(layer -> {
                Map<String, Long> types = new TreeMap<>();
                layer.getValue().get("geom_types").properties().forEach(t -> types.put(t.getKey(), t.getValue().asLong()));
                expectedLayers.put(layer.getKey(), types);
            });
            long expectedTotal = expected.get("feature_total").asLong();
            long actualTotal = total;
            checks.add(() -> assertEquals(expected.get("layer_count").asInt(), dataset.layerCount(), "layer count"));
            checks.add(() -> assertEquals(expectedTotal, actualTotal, "feature total"));
            checks.add(() -> assertEquals(expectedLayers, actualLayers, "layers with geometry type counts"));
            assertAll(cell + " " + optionSet, checks);
        }
    }

    @Test
    @DisplayName("US5WA22M with SPLIT_MULTIPOINT, ADD_SOUNDG_DEPTH, UPDATES=APPLY: 5164 features, update 4 of 20200626")
    void us5wa22m_withUpdatesAndSplitSoundings() {
        try (VectorDataset dataset = VectorDataset.open(cellFile("US5WA22M"), SPLIT_SOUNDINGS)) {
            long features = dataset.layers().stream().mapToLong(Layer::featureCount).sum();
            Feature dsid = dataset.layer("DSID").features().findFirst().orElseThrow();
            assertAll(
                    () -> assertEquals(63, dataset.layerCount(), "object-class layers, as ogrinfo lists them"),
                    () -> assertEquals(5164, features),
                    () -> assertEquals("4", dsid.get("DSID_UPDN")),
                    () -> assertEquals("20200626", dsid.get("DSID_ISDT")));
        }
    }

    @Test
    @DisplayName("US5WA22M with primitives as well: 67 layers, 5164 features outside the primitive layers")
    void us5wa22m_withPrimitives_has67Layers() {
        try (VectorDataset dataset = VectorDataset.open(cellFile("US5WA22M"), withPrimitives(SPLIT_SOUNDINGS))) {
            long features = dataset.layers().stream().filter(layer -> !PRIMITIVE_LAYERS.contains(layer.name()))
                    .mapToLong(Layer::featureCount).sum();
            long edges = dataset.layer("Edge").featureCount();
            assertAll(
                    () -> assertEquals(67, dataset.layerCount()),
                    () -> assertEquals(5164, features),
                    () -> assertEquals(ogrinfoCount("Edge"), edges, "Edge primitives"));
        }
    }

    private static long ogrinfoCount(String layer) {
        String output = io.tilework.testkit.GdalTools.run("ogrinfo", "-ro", "-so", "-oo", "RETURN_PRIMITIVES=ON",
                "-oo", "UPDATES=APPLY", "-oo", "SPLIT_MULTIPOINT=ON", "-oo", "ADD_SOUNDG_DEPTH=ON",
                cellFile("US5WA22M").toString(), layer);
        return output.lines().filter(line -> line.startsWith("Feature Count:"))
                .mapToLong(line -> Long.parseLong(line.substring("Feature Count:".length()).strip()))
                .findFirst().orElseThrow(() -> new AssertionError("ogrinfo printed no count:\n" + output));
    }

    @Test
    @DisplayName("soundings carry their depth as Z when ADD_SOUNDG_DEPTH is on")
    void soundings_haveDepthAsZ() {
        try (VectorDataset dataset = VectorDataset.open(cellFile("US5WA22M"), OPTION_SETS.get("split_soundg"))) {
            List<Feature> soundings = dataset.layer("SOUNDG").features().toList();
            assertFalse(soundings.isEmpty());
            for (Feature sounding : soundings) {
                double depth = sounding.geometry().getCoordinate().getZ();
                assertEquals(((Number) sounding.get("DEPTH")).doubleValue(), depth, 1e-9, "feature " + sounding.fid());
            }
        }
    }

    private static String typeName(Geometry geometry) {
        return geometry == null ? "NONE" : geometry.getGeometryType().toUpperCase(Locale.ROOT);
    }

    static Path cellFile(String cell) {
        for (String folder : List.of("ECDIS_Chart_1", cell)) {
            Path candidate = TestData.root().resolve("s57").resolve(folder).resolve(cell + ".000");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no S-57 cell " + cell + " under " + TestData.root().resolve("s57"));
    }
}
