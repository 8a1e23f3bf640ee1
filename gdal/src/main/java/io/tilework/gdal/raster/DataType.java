package io.tilework.gdal.raster;

/**
 * GDAL's pixel types ({@code GDALDataType}). Those with a Java carrier array can be read and
 * written through {@link RasterDataset}: unsigned types travel in the signed array of the same
 * width ({@code UInt16} in {@code short[]}, {@code UInt32} in {@code int[]}) with their bits
 * unchanged; {@code Int8} travels in {@code byte[]}.
 */
public enum DataType {
    UNKNOWN(0, "Unknown", 0, null),
    BYTE(1, "Byte", 1, byte[].class),
    UINT16(2, "UInt16", 2, short[].class),
    INT16(3, "Int16", 2, short[].class),
    UINT32(4, "UInt32", 4, int[].class),
    INT32(5, "Int32", 4, int[].class),
    FLOAT32(6, "Float32", 4, float[].class),
    FLOAT64(7, "Float64", 8, double[].class),
    CINT16(8, "CInt16", 4, null),
    CINT32(9, "CInt32", 8, null),
    CFLOAT32(10, "CFloat32", 8, null),
    CFLOAT64(11, "CFloat64", 16, null),
    UINT64(12, "UInt64", 8, null),
    INT64(13, "Int64", 8, null),
    /**
     * Signed bytes: a type of its own from GDAL 3.7; before, a Byte band marked {@code
     * PIXELTYPE=SIGNEDBYTE}, which {@link RasterDataset} reads, writes and creates as Int8 too.
     */
    INT8(14, "Int8", 1, byte[].class);

    private final int code;
    private final String gdalName;
    private final int bytes;
    private final Class<?> carrier;

    DataType(int code, String gdalName, int bytes, Class<?> carrier) {
        this.code = code;
        this.gdalName = gdalName;
        this.bytes = bytes;
        this.carrier = carrier;
    }

    /** The {@code GDALDataType} value. */
    public int code() {
        return code;
    }

    /** The name GDAL prints, e.g. "Float32". */
    public String gdalName() {
        return gdalName;
    }

    /** Bytes per pixel value. */
    public int bytes() {
        return bytes;
    }

    /** The Java array type that carries values of this type, or null if it has none. */
    public Class<?> carrier() {
        return carrier;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT64 || this == CFLOAT32 || this == CFLOAT64;
    }

    public boolean isComplex() {
        return this == CINT16 || this == CINT32 || this == CFLOAT32 || this == CFLOAT64;
    }

    /** Whether values of this type have no sign: Byte, UInt16, UInt32, UInt64. */
    public boolean isUnsigned() {
        return this == BYTE || this == UINT16 || this == UINT32 || this == UINT64;
    }

    /** The type named {@code name} as GDAL prints it ("Float32"), ignoring case, or empty. */
    public static java.util.Optional<DataType> fromName(String name) {
        for (DataType type : values()) {
            if (type.gdalName.equalsIgnoreCase(name)) {
                return java.util.Optional.of(type);
            }
        }
        return java.util.Optional.empty();
    }

    public static DataType fromCode(int code) {
        for (DataType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return UNKNOWN;
    }
}
