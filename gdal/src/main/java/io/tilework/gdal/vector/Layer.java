package io.tilework.gdal.vector;

import io.tilework.gdal.internal.CStrings;
import io.tilework.gdal.internal.ErrorQueue;
import io.tilework.gdal.internal.OgrC;
import io.tilework.gdal.srs.SpatialReference;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * A layer of a {@link VectorDataset}. It belongs to its dataset: it is valid while the dataset is
 * open and, like the dataset, must be used by one thread at a time.
 */
public final class Layer {

    private static final int OGRERR_NONE = 0;

    private final VectorDataset dataset;
    private final MemorySegment handle;
    private final String name;

    Layer(VectorDataset dataset, MemorySegment handle) {
        this.dataset = dataset;
        this.handle = handle;
        this.name = CStrings.read(OgrC.layerGetName(handle));
    }

    public String name() {
        return name;
    }

    /** Features that pass the current filters; may scan the layer. */
    public long featureCount() {
        ErrorQueue.clear();
        long count = OgrC.layerGetFeatureCount(handle(), 1);
        if (count < 0) {
            throw ErrorQueue.failure(where(), "OGR_L_GetFeatureCount");
        }
        return count;
    }

    public GeometryType geometryType() {
        return new GeometryType(OgrC.layerGetGeomType(handle()));
    }

    /** The layer's CRS, or empty; the caller closes it. */
    public Optional<SpatialReference> spatialReference() {
        return Optional.ofNullable(SpatialReference.copyOf(OgrC.layerGetSpatialRef(handle())));
    }

    /** The attribute columns, in order. */
    public List<FieldDefinition> fields() {
        MemorySegment definition = OgrC.layerGetLayerDefn(handle());
        int count = OgrC.definitionGetFieldCount(definition);
        var fields = new ArrayList<FieldDefinition>(count);
        for (int i = 0; i < count; i++) {
            MemorySegment field = OgrC.definitionGetFieldDefn(definition, i);
            fields.add(new FieldDefinition(CStrings.read(OgrC.fieldGetNameRef(field)),
                    FieldType.fromCode(OgrC.fieldGetType(field))));
        }
        return fields;
    }

    /** Keeps only features whose geometry intersects the rectangle; null clears the filter. */
    public void setSpatialFilter(Envelope envelope) {
        if (envelope == null) {
            OgrC.layerSetSpatialFilter(handle(), MemorySegment.NULL);
        } else {
            OgrC.layerSetSpatialFilterRect(handle(), envelope.getMinX(), envelope.getMinY(),
                    envelope.getMaxX(), envelope.getMaxY());
        }
    }

    /** Keeps only features whose geometry intersects {@code geometry}; null clears the filter. */
    public void setSpatialFilter(Geometry geometry) {
        if (geometry == null) {
            OgrC.layerSetSpatialFilter(handle(), MemorySegment.NULL);
            return;
        }
        MemorySegment filter = Geometries.toOgr(geometry, where());
        try {
            OgrC.layerSetSpatialFilter(handle(), filter); // OGR keeps a copy
        } finally {
            OgrC.geometryDestroyGeometry(filter);
        }
    }

    /** Keeps only features matching an OGR SQL WHERE clause, e.g. {@code "DRVAL1 >= 10"}; null clears. */
    public void setAttributeFilter(String where) {
        try (Arena arena = Arena.ofConfined()) {
            ErrorQueue.clear();
            if (OgrC.layerSetAttributeFilter(handle(), CStrings.of(arena, where)) != OGRERR_NONE) {
                throw ErrorQueue.failure(where(), "OGR_L_SetAttributeFilter(\"" + where + "\")");
            }
        }
    }

    /**
     * The features that pass the filters, read lazily from the start of the layer. Each native
     * feature is converted and freed as it is read, so the stream holds no native resources;
     * starting another stream on this layer restarts reading.
     */
    public Stream<Feature> features() {
        OgrC.layerResetReading(handle());
        List<FieldDefinition> fields = fields();
        Iterator<Feature> iterator = new Iterator<>() {
            private Feature next = read(fields);

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Feature next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Feature current = next;
                next = read(fields);
                return current;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Adds a column; call before writing features. */
    public void createField(FieldDefinition field) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment definition = OgrC.fieldCreate(arena.allocateFrom(field.name()), field.type().code());
            try {
                ErrorQueue.clear();
                if (OgrC.layerCreateField(handle(), definition, 1) != OGRERR_NONE) {
                    throw ErrorQueue.failure(where(), "OGR_L_CreateField(" + field.name() + ")");
                }
            } finally {
                OgrC.fieldDestroy(definition);
            }
        }
    }

    /**
     * Writes a new feature and returns the id the layer gave it. Attributes are matched to fields
     * by name; an attribute the layer has no field for is an error.
     */
    public long write(Feature feature) {
        MemorySegment ogrFeature = OgrC.featureCreate(OgrC.layerGetLayerDefn(handle()));
        try (Arena arena = Arena.ofConfined()) {
            for (Map.Entry<String, Object> attribute : feature.attributes().entrySet()) {
                int index = OgrC.featureGetFieldIndex(ogrFeature, arena.allocateFrom(attribute.getKey()));
                if (index < 0) {
                    throw new IllegalArgumentException(where() + ": no field '" + attribute.getKey() + "'; fields are "
                            + fields().stream().map(FieldDefinition::name).toList());
                }
                setField(arena, ogrFeature, index, attribute.getValue());
            }
            if (feature.geometry() != null) {
                ErrorQueue.clear(); // OGR takes the geometry even when it refuses it
                if (OgrC.featureSetGeometryDirectly(ogrFeature, Geometries.toOgr(feature.geometry(), where())) != OGRERR_NONE) {
                    throw ErrorQueue.failure(where(), "OGR_F_SetGeometryDirectly");
                }
            }
            ErrorQueue.clear();
            if (OgrC.layerCreateFeature(handle(), ogrFeature) != OGRERR_NONE) {
                throw ErrorQueue.failure(where(), "OGR_L_CreateFeature");
            }
            ErrorQueue.clear();
            return OgrC.featureGetFID(ogrFeature);
        } finally {
            OgrC.featureDestroy(ogrFeature);
        }
    }

    @Override
    public String toString() {
        return where();
    }

    private MemorySegment handle() {
        dataset.pointer(); // throws once the dataset is closed
        return handle;
    }

    private String where() {
        return dataset.name() + " layer " + name;
    }

    private Feature read(List<FieldDefinition> fields) {
        ErrorQueue.clear();
        MemorySegment feature = OgrC.layerGetNextFeature(handle());
        if (feature.equals(MemorySegment.NULL)) {
            ErrorQueue.check(where(), "OGR_L_GetNextFeature");
            return null;
        }
        try {
            long fid = OgrC.featureGetFID(feature);
            var attributes = new LinkedHashMap<String, Object>();
            for (int i = 0; i < fields.size(); i++) {
                FieldDefinition field = fields.get(i);
                attributes.put(field.name(), OgrC.featureIsFieldSetAndNotNull(feature, i) != 0
                        ? value(feature, i, field.type()) : null);
            }
            Geometry geometry = Geometries.toJts(OgrC.featureGetGeometryRef(feature), where() + " feature " + fid);
            return new Feature(fid, attributes, geometry);
        } finally {
            OgrC.featureDestroy(feature);
        }
    }

    private static Object value(MemorySegment feature, int index, FieldType type) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
            return switch (type) {
                case INTEGER -> OgrC.featureGetFieldAsInteger(feature, index);
                case INTEGER64 -> OgrC.featureGetFieldAsInteger64(feature, index);
                case REAL -> OgrC.featureGetFieldAsDouble(feature, index);
                case INTEGER_LIST -> {
                    MemorySegment values = OgrC.featureGetFieldAsIntegerList(feature, index, count);
                    yield values.reinterpret(4L * count.get(ValueLayout.JAVA_INT, 0)).toArray(ValueLayout.JAVA_INT);
                }
                case INTEGER64_LIST -> {
                    MemorySegment values = OgrC.featureGetFieldAsInteger64List(feature, index, count);
                    yield values.reinterpret(8L * count.get(ValueLayout.JAVA_INT, 0)).toArray(ValueLayout.JAVA_LONG);
                }
                case REAL_LIST -> {
                    MemorySegment values = OgrC.featureGetFieldAsDoubleList(feature, index, count);
                    yield values.reinterpret(8L * count.get(ValueLayout.JAVA_INT, 0)).toArray(ValueLayout.JAVA_DOUBLE);
                }
                case STRING_LIST, WIDE_STRING_LIST -> CStrings.readList(OgrC.featureGetFieldAsStringList(feature, index));
                case BINARY -> {
                    MemorySegment bytes = OgrC.featureGetFieldAsBinary(feature, index, count);
                    yield bytes.reinterpret(count.get(ValueLayout.JAVA_INT, 0)).toArray(ValueLayout.JAVA_BYTE);
                }
                default -> CStrings.read(OgrC.featureGetFieldAsString(feature, index));
            };
        }
    }

    private static void setField(Arena arena, MemorySegment feature, int index, Object value) {
        switch (value) {
            case null -> OgrC.featureSetFieldNull(feature, index);
            case Integer number -> OgrC.featureSetFieldInteger64(feature, index, number);
            case Long number -> OgrC.featureSetFieldInteger64(feature, index, number);
            case Short number -> OgrC.featureSetFieldInteger64(feature, index, number);
            case Byte number -> OgrC.featureSetFieldInteger64(feature, index, number);
            case Number number -> OgrC.featureSetFieldDouble(feature, index, number.doubleValue());
            case Boolean flag -> OgrC.featureSetFieldInteger64(feature, index, flag ? 1 : 0);
            default -> OgrC.featureSetFieldString(feature, index, arena.allocateFrom(value.toString()));
        }
    }
}
