package io.tilework.gdal.vector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature as plain Java values: its id, its attributes by field name (in layer order;
 * null for unset or null fields) and its geometry (null when it has none).
 *
 * <p>Attribute values: Integer, Long, Double, String; int[], long[], double[] and
 * {@code List<String>} for lists; byte[] for binary; dates and times as GDAL's text.
 */
public record Feature(long fid, Map<String, Object> attributes, Geometry geometry) {

    /** The id to pass for features not yet written. */
    public static final long NEW_FID = -1;

    public Feature {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A feature to write: the layer assigns its id. */
    public static Feature of(Map<String, Object> attributes, Geometry geometry) {
        return new Feature(NEW_FID, attributes, geometry);
    }

    public Object get(String field) {
        return attributes.get(field);
    }
}
