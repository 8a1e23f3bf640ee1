package io.tilework.gdal.internal;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;

/** Shorthands shared by the classes that declare GDAL's C functions. */
final class C {

    static final AddressLayout PTR = ValueLayout.ADDRESS;
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE;

    private C() {
    }

    /** A function returning {@code result}, bound on its first call. */
    static Downcall fn(String name, MemoryLayout result, MemoryLayout... arguments) {
        return new Downcall(name, FunctionDescriptor.of(result, arguments));
    }

    /** A function returning void, bound on its first call. */
    static Downcall proc(String name, MemoryLayout... arguments) {
        return new Downcall(name, FunctionDescriptor.ofVoid(arguments));
    }

    /** invokeExact declares Throwable; a native call only throws errors of the binding itself. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException("unexpected checked exception from a native call", t);
    }
}
