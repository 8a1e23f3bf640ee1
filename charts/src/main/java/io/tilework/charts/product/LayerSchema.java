package io.tilework.charts.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The vector layers of a product as MBTiles metadata describes them ({@code vector_layers}):
 * each layer's fields with their type (Number, String or Boolean) and its zoom range. GDAL and
 * MapLibre learn the layers from it.
 */
public final class LayerSchema {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Layer(TreeMap<String, String> fields, int[] zooms) {
    }

    private final TreeMap<String, Layer> layers = new TreeMap<>();

    public void add(String layer, int zoom, Map<String, Object> attributes) {
        Layer entry = layers.computeIfAbsent(layer, l -> new Layer(new TreeMap<>(), new int[]{zoom, zoom}));
        entry.zooms[0] = Math.min(entry.zooms[0], zoom);
        entry.zooms[1] = Math.max(entry.zooms[1], zoom);
        attributes.forEach((name, value) -> {
            if (value != null) {
                entry.fields.merge(name, type(value), (a, b) -> a.equals(b) ? a : "String");
            }
        });
    }

    public void addAll(LayerSchema other) {
        other.layers.forEach((name, layer) -> {
            Layer entry = layers.computeIfAbsent(name, l -> new Layer(new TreeMap<>(), layer.zooms.clone()));
            entry.zooms[0] = Math.min(entry.zooms[0], layer.zooms[0]);
            entry.zooms[1] = Math.max(entry.zooms[1], layer.zooms[1]);
            layer.fields.forEach((field, type) -> entry.fields.merge(field, type, (a, b) -> a.equals(b) ? a : "String"));
        });
    }

    public java.util.Set<String> layerNames() {
        return layers.keySet();
    }

    /** {@code {"vector_layers": [{"id", "fields", "minzoom", "maxzoom"}, ...]}}. */
    public byte[] toJson() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("vector_layers");
        layers.forEach((name, layer) -> {
            ObjectNode node = list.addObject();
            node.put("id", name);
            ObjectNode fields = node.putObject("fields");
            layer.fields.forEach(fields::put);
            node.put("minzoom", layer.zooms[0]);
            node.put("maxzoom", layer.zooms[1]);
        });
        return JSON.writeValueAsBytes(root);
    }

    public static LayerSchema fromJson(byte[] json) throws IOException {
        var schema = new LayerSchema();
        for (JsonNode node : JSON.readTree(json).get("vector_layers")) {
            var fields = new TreeMap<String, String>();
            node.get("fields").properties().forEach(f -> fields.put(f.getKey(), f.getValue().asText()));
            schema.layers.put(node.get("id").asText(), new Layer(fields, new int[]{node.get("minzoom").asInt(), node.get("maxzoom").asInt()}));
        }
        return schema;
    }

    private static String type(Object value) {
        return switch (value) {
            case Number n -> "Number";
            case Boolean b -> "Boolean";
            default -> "String";
        };
    }
}
