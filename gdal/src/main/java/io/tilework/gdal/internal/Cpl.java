package io.tilework.gdal.internal;

import static io.tilework.gdal.internal.C.*;

import java.lang.foreign.MemorySegment;

/** GDAL's portability layer (CPL/VSI): error handler, configuration options, memory. */
public final class Cpl {

    private static final Downcall CPLSetErrorHandler = fn("CPLSetErrorHandler", PTR, PTR);
    private static final Downcall CPLSetConfigOption = proc("CPLSetConfigOption", PTR, PTR);
    private static final Downcall CPLSetThreadLocalConfigOption = proc("CPLSetThreadLocalConfigOption", PTR, PTR);
    private static final Downcall CPLGetConfigOption = fn("CPLGetConfigOption", PTR, PTR, PTR);
    private static final Downcall VSIFree = proc("VSIFree", PTR);

    private Cpl() {
    }

    static void setErrorHandler(MemorySegment handler) {
        try {
            MemorySegment previous = (MemorySegment) CPLSetErrorHandler.handle().invokeExact(handler);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void setConfigOption(MemorySegment key, MemorySegment value) {
        try {
            CPLSetConfigOption.handle().invokeExact(key, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void setThreadLocalConfigOption(MemorySegment key, MemorySegment value) {
        try {
            CPLSetThreadLocalConfigOption.handle().invokeExact(key, value);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getConfigOption(MemorySegment key, MemorySegment defaultValue) {
        try {
            return (MemorySegment) CPLGetConfigOption.handle().invokeExact(key, defaultValue);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Frees memory GDAL allocated for the caller ({@code CPLFree}). */
    public static void free(MemorySegment pointer) {
        try {
            VSIFree.handle().invokeExact(pointer);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
