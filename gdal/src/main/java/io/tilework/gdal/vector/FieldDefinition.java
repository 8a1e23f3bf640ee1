package io.tilework.gdal.vector;

/** An attribute column of a layer. */
public record FieldDefinition(String name, FieldType type) {
}
