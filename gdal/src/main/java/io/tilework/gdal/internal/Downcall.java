package io.tilework.gdal.internal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/**
 * A C function of GDAL, bound to a method handle on its first call rather than when its class
 * loads. Binding makes the JVM generate code for the call (a stub and method-handle classes the
 * ahead-of-time cache cannot keep); binding all hundred functions up front cost a short command
 * a large part of its start-up, and a command calls a few dozen at most.
 */
final class Downcall {

    private final String name;
    private final FunctionDescriptor descriptor;
    private volatile MethodHandle handle;

    Downcall(String name, FunctionDescriptor descriptor) {
        this.name = name;
        this.descriptor = descriptor;
    }

    /**
     * The bound function. Two threads may both bind it the first time; either handle does.
     *
     * @throws io.tilework.gdal.GdalException if the library has no such function
     */
    MethodHandle handle() {
        MethodHandle bound = handle;
        if (bound == null) {
            bound = GdalLibrary.function(name, descriptor);
            handle = bound;
        }
        return bound;
    }
}
