package io.tilework.charts.stage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** An object's attributes as the work files keep them: a JSON object, in the cell's field order. */
public final class Attributes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private Attributes() {
    }

    /** The set attributes (nulls left out) as JSON. */
    public static String json(Map<String, Object> attributes) {
        var set = new LinkedHashMap<String, Object>();
        attributes.forEach((name, value) -> {
            if (value != null) {
                set.put(name, value);
            }
        });
        try {
            return JSON.writeValueAsString(set);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException("attributes are not a JSON object: " + json, e);
        }
    }
}
