package io.tilework.charts.product;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Mapbox Vector Tile (MVT 2.1) being built: features added by layer with their attributes,
 * geometry in the product's CRS quantised to the tile's 4096 x 4096 grid; encoded as the
 * specification's protocol buffer. Parts that quantisation reduces to nothing are left out.
 */
public final class VectorTile {

    public static final int EXTENT = 4096;
    private static final int POINT = 1;
    private static final int LINESTRING = 2;
    private static final int POLYGON = 3;
    private static final int MOVE_TO = 1;
    private static final int LINE_TO = 2;
    private static final int CLOSE_PATH = 7;

    private final Envelope bounds;
    private final Map<String, LayerBuilder> layers = new LinkedHashMap<>();

    public VectorTile(Envelope bounds) {
        this.bounds = bounds;
    }

    /** Adds a feature; returns false when nothing of it is left at the tile's resolution. */
    public boolean add(String layer, long id, Geometry geometry, Map<String, Object> attributes) {
        var commands = new Commands();
        int type = switch (geometry.getDimension()) {
            case 0 -> { points(geometry, commands); yield POINT; }
            case 1 -> { lines(geometry, commands); yield LINESTRING; }
            default -> { polygons(geometry, commands); yield POLYGON; }
        };
        if (commands.size == 0) {
            return false;
        }
        layers.computeIfAbsent(layer, LayerBuilder::new).add(id, type, commands, attributes);
        return true;
    }

    public boolean isEmpty() {
        return layers.isEmpty();
    }

    public byte[] encode() {
        var tile = new ProtobufWriter();
        for (LayerBuilder layer : layers.values()) {
            tile.bytes(3, layer.encode());
        }
        return tile.toByteArray();
    }

    private void points(Geometry geometry, Commands commands) {
        var cursor = new int[2];
        var kept = new ArrayList<int[]>();
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Point point = (Point) geometry.getGeometryN(i);
            if (!point.isEmpty()) {
                kept.add(quantise(point.getCoordinate()));
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        commands.command(MOVE_TO, kept.size());
        for (int[] p : kept) {
            commands.delta(p, cursor);
        }
    }

    private void lines(Geometry geometry, Commands commands) {
        var cursor = new int[2];
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            List<int[]> path = path(((LineString) geometry.getGeometryN(i)).getCoordinates(), false);
            if (path.size() < 2) {
                continue;
            }
            commands.command(MOVE_TO, 1);
            commands.delta(path.getFirst(), cursor);
            commands.command(LINE_TO, path.size() - 1);
            for (int[] p : path.subList(1, path.size())) {
                commands.delta(p, cursor);
            }
        }
    }

    private void polygons(Geometry geometry, Commands commands) {
        var cursor = new int[2];
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) geometry.getGeometryN(i);
            List<int[]> shell = path(polygon.getExteriorRing().getCoordinates(), true);
            if (!ring(shell, true, commands, cursor)) {
                continue; // a shell too small to see takes its holes with it
            }
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                ring(path(polygon.getInteriorRingN(h).getCoordinates(), true), false, commands, cursor);
            }
        }
    }

    /** Writes a ring, clockwise on screen (positive area with y down) for a shell, the other way for a hole. */
    private static boolean ring(List<int[]> ring, boolean shell, Commands commands, int[] cursor) {
        if (ring.size() < 3) {
            return false;
        }
        long twiceArea = 0;
        for (int i = 0; i < ring.size(); i++) {
            int[] a = ring.get(i);
            int[] b = ring.get((i + 1) % ring.size());
            twiceArea += (long) a[0] * b[1] - (long) b[0] * a[1];
        }
        if (twiceArea == 0) {
            return false;
        }
        if ((twiceArea > 0) != shell) {
            ring = ring.reversed();
        }
        commands.command(MOVE_TO, 1);
        commands.delta(ring.getFirst(), cursor);
        commands.command(LINE_TO, ring.size() - 1);
        for (int[] p : ring.subList(1, ring.size())) {
            commands.delta(p, cursor);
        }
        commands.command(CLOSE_PATH, 1);
        return true;
    }

    /** Tile coordinates without repeated points; a ring's closing point dropped. */
    private List<int[]> path(Coordinate[] coordinates, boolean ring) {
        var path = new ArrayList<int[]>(coordinates.length);
        for (Coordinate c : coordinates) {
            int[] p = quantise(c);
            if (path.isEmpty() || path.getLast()[0] != p[0] || path.getLast()[1] != p[1]) {
                path.add(p);
            }
        }
        if (ring && path.size() > 1 && path.getFirst()[0] == path.getLast()[0] && path.getFirst()[1] == path.getLast()[1]) {
            path.removeLast();
        }
        return path;
    }

    private int[] quantise(Coordinate c) {
        return new int[]{
                (int) Math.round((c.x - bounds.getMinX()) / bounds.getWidth() * EXTENT),
                (int) Math.round((bounds.getMaxY() - c.y) / bounds.getHeight() * EXTENT)};
    }

    /** A feature's geometry commands, as the packed integers MVT stores. */
    private static final class Commands {
        int[] values = new int[16];
        int size;

        void command(int id, int count) {
            add((id & 0x7) | (count << 3));
        }

        void delta(int[] point, int[] cursor) {
            add(ProtobufWriter.zigzag(point[0] - cursor[0]));
            add(ProtobufWriter.zigzag(point[1] - cursor[1]));
            cursor[0] = point[0];
            cursor[1] = point[1];
        }

        private void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }

    /** A layer's features and its tables of attribute keys and values. */
    private static final class LayerBuilder {
        private final String name;
        private final Map<String, Integer> keys = new LinkedHashMap<>();
        private final Map<Object, Integer> values = new LinkedHashMap<>();
        private final List<byte[]> features = new ArrayList<>();

        LayerBuilder(String name) {
            this.name = name;
        }

        void add(long id, int type, Commands commands, Map<String, Object> attributes) {
            var tags = new int[attributes.size() * 2];
            int count = 0;
            for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
                Object value = value(attribute.getValue());
                if (value == null) {
                    continue;
                }
                tags[count++] = keys.computeIfAbsent(attribute.getKey(), k -> keys.size());
                tags[count++] = values.computeIfAbsent(value, v -> values.size());
            }
            var feature = new ProtobufWriter();
            feature.uint(1, id);
            feature.packed(2, tags, count);
            feature.uint(3, type);
            feature.packed(4, commands.values, commands.size);
            features.add(feature.toByteArray());
        }

        /** A value MVT can hold: numbers and text; lists become their text. */
        private static Object value(Object value) {
            return switch (value) {
                case null -> null;
                case Integer i -> i.longValue();
                case Long l -> l;
                case Double d -> d;
                case Float f -> f.doubleValue();
                case Boolean b -> b;
                case String s -> s;
                case List<?> list -> String.join(",", list.stream().map(String::valueOf).toList());
                default -> value.toString();
            };
        }

        byte[] encode() {
            var layer = new ProtobufWriter();
            layer.uint(15, 2);
            layer.string(1, name);
            for (byte[] feature : features) {
                layer.bytes(2, feature);
            }
            for (String key : keys.keySet()) {
                layer.string(3, key);
            }
            for (Object value : values.keySet()) {
                var encoded = new ProtobufWriter();
                switch (value) {
                    case String s -> encoded.string(1, s);
                    case Double d -> encoded.doubleValue(3, d);
                    case Long l -> encoded.sint(6, l);
                    case Boolean b -> encoded.bool(7, b);
                    default -> encoded.string(1, value.toString());
                }
                layer.bytes(4, encoded.toByteArray());
            }
            layer.uint(5, EXTENT);
            return layer.toByteArray();
        }
    }
}
