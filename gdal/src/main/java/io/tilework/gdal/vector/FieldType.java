package io.tilework.gdal.vector;

/** OGR attribute types ({@code OGRFieldType}) and the Java values that carry them. */
public enum FieldType {
    INTEGER(0, "Integer"),
    INTEGER_LIST(1, "IntegerList"),
    REAL(2, "Real"),
    REAL_LIST(3, "RealList"),
    STRING(4, "String"),
    STRING_LIST(5, "StringList"),
    WIDE_STRING(6, "WideString"),
    WIDE_STRING_LIST(7, "WideStringList"),
    BINARY(8, "Binary"),
    DATE(9, "Date"),
    TIME(10, "Time"),
    DATE_TIME(11, "DateTime"),
    INTEGER64(12, "Integer64"),
    INTEGER64_LIST(13, "Integer64List");

    private final int code;
    private final String ogrName;

    FieldType(int code, String ogrName) {
        this.code = code;
        this.ogrName = ogrName;
    }

    int code() {
        return code;
    }

    /** The name {@code ogrinfo} prints, e.g. "Integer64". */
    public String ogrName() {
        return ogrName;
    }

    static FieldType fromCode(int code) {
        for (FieldType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown OGR field type " + code);
    }
}
