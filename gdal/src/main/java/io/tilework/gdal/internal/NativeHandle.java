package io.tilework.gdal.internal;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An owned native GDAL object. Closing releases it exactly once, closing again does nothing, and
 * any use after close throws {@link IllegalStateException} instead of handing a dangling pointer
 * to GDAL.
 */
public abstract class NativeHandle implements AutoCloseable {

    private final MemorySegment pointer;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    protected NativeHandle(MemorySegment pointer, String name) {
        if (pointer.equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException("null native handle for " + name);
        }
        this.pointer = pointer;
        this.name = name;
    }

    /** The native pointer; throws if this handle was closed. */
    public final MemorySegment pointer() {
        if (closed.get()) {
            throw new IllegalStateException(getClass().getSimpleName() + " '" + name + "' is closed");
        }
        return pointer;
    }

    /** A human-readable name for messages: usually the file path. */
    public final String name() {
        return name;
    }

    public final boolean isClosed() {
        return closed.get();
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            release(pointer);
        }
    }

    /** Frees the native object; called at most once. */
    protected abstract void release(MemorySegment pointer);
}
