package io.tilework.gdal.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Conversions between Java strings and C strings or GDAL's NULL-terminated string lists. */
public final class CStrings {

    private CStrings() {
    }

    /** A C string (UTF-8) in {@code arena}, or NULL for a null string. */
    public static MemorySegment of(Arena arena, String value) {
        return value == null ? MemorySegment.NULL : arena.allocateFrom(value);
    }

    /** Reads a NUL-terminated UTF-8 string GDAL returned; null for a NULL pointer. */
    public static String read(MemorySegment pointer) {
        if (pointer.equals(MemorySegment.NULL)) {
            return null;
        }
        return pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** A {@code char**} list of {@code KEY=VALUE} entries, or NULL when the map is empty. */
    public static MemorySegment nameValueList(Arena arena, Map<String, String> options) {
        if (options == null || options.isEmpty()) {
            return MemorySegment.NULL;
        }
        return list(arena, options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /** A NULL-terminated {@code char**}, or NULL when the list is empty. */
    public static MemorySegment list(Arena arena, List<String> values) {
        if (values == null || values.isEmpty()) {
            return MemorySegment.NULL;
        }
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    /** Reads a NULL-terminated {@code char**} that GDAL owns. */
    public static List<String> readList(MemorySegment pointer) {
        var values = new ArrayList<String>();
        if (pointer.equals(MemorySegment.NULL)) {
            return values;
        }
        MemorySegment array = pointer.reinterpret(Long.MAX_VALUE);
        for (long i = 0; ; i++) {
            MemorySegment item = array.getAtIndex(ValueLayout.ADDRESS, i);
            if (item.equals(MemorySegment.NULL)) {
                return values;
            }
            values.add(read(item));
        }
    }
}
