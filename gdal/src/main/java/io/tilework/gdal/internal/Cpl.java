package io.tilework.gdal.internal;

import static io.tilework.gdal.internal.C.*;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** GDAL's portability layer (CPL/VSI): error handler, configuration options, memory. */
public final class Cpl {

    private static final MethodHandle CPLSetErrorHandler = fn("CPLSetErrorHandler", PTR, PTR);
    private static final MethodHandle CPLSetConfigOption = proc("CPLSetConfigOption", PTR, PTR);
    private static final MethodHandle CPLSetThreadLocalConfigOption = proc("CPLSetThreadLocalConfigOption", PTR, PTR);
    private static final MethodHandle CPLGetConfigOption = fn("CPLGetConfigOption", PTR, PTR, PTR);
    private static final MethodHandle VSIFree = proc("VSIFree", PTR);

    private Cpl() {
    }

    static void setErrorHandler(MemorySegment handler) {
        try {
            MemorySegment previous = (MemorySegment) CPLSetErrorHandler.invokeExact(handler);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void setConfigOption(MemorySegment key, MemorySegment value) {
        try {
            CPLSetConfigOption.invokeExact(key, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void setThreadLocalConfigOption(MemorySegment key, MemorySegment value) {
        try {
            CPLSetThreadLocalConfigOption.invokeExact(key, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getConfigOption(MemorySegment key, MemorySegment defaultValue) {
        try {
            return (MemorySegment) CPLGetConfigOption.invokeExact(key, defaultValue);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Frees memory GDAL allocated for the caller ({@code CPLFree}). */
    public static void free(MemorySegment pointer) {
        try {
            VSIFree.invokeExact(pointer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
