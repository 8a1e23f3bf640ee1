package io.tilework.gdal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.gdal.GdalException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class DowncallTest {

    @Test
    void aFunctionIsBoundOnItsFirstCall_andOnce() throws Throwable {
        var versionInfo = new Downcall("GDALVersionInfo", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));

        var first = versionInfo.handle();
        assertSame(first, versionInfo.handle());
        try (Arena arena = Arena.ofConfined()) {
            String release = CStrings.read((MemorySegment) first.invokeExact(arena.allocateFrom("RELEASE_NAME")));
            assertTrue(release.matches("\\d+\\.\\d+\\.\\d+.*"), release);
        }
    }

    @Test
    void aFunctionTheLibraryLacks_failsWhenCalled_namingIt() {
        var missing = new Downcall("GDALNoSuchFunctionAnywhere", FunctionDescriptor.ofVoid());

        var failure = assertThrows(GdalException.class, missing::handle);
        assertTrue(failure.getMessage().contains("GDALNoSuchFunctionAnywhere"), failure.getMessage());
        assertEquals(failure.getMessage(), assertThrows(GdalException.class, missing::handle).getMessage());
    }
}
