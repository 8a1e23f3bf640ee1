package io.tilework.gdal.internal;

import static io.tilework.gdal.internal.C.*;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * GDALVersionInfo on its own: reading GDAL's version binds this one function, not the forty of
 * {@link GdalC} (each binding costs start-up time that {@code tilework --version} would pay).
 */
public final class VersionC {

    private static final MethodHandle GDALVersionInfo = fn("GDALVersionInfo", PTR, PTR);

    private VersionC() {
    }

    public static MemorySegment versionInfo(MemorySegment request) {
        try {
            return (MemorySegment) GDALVersionInfo.invokeExact(request);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
