package io.tilework.gdal.internal;

import io.tilework.gdal.GdalException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns GDAL's error callbacks into Java exceptions.
 *
 * <p>GDAL reports errors through a process-wide handler that it calls on the thread that failed.
 * An exception thrown out of an FFM upcall terminates the JVM, so the handler installed here
 * never throws: it only appends failures to a per-thread queue and logs warnings. After each
 * native call the caller asks {@link #check} (or {@link #failure}) to turn what was queued into a
 * {@link GdalException} naming the file concerned.
 *
 * <p>Never call GDAL with {@code Linker.Option.critical}: a critical call may not upcall into this
 * handler.
 */
public final class ErrorQueue {

    private static final Logger LOG = LoggerFactory.getLogger("io.tilework.gdal.GDAL");

    private static final int CE_DEBUG = 1;
    private static final int CE_WARNING = 2;
    private static final int CE_FAILURE = 3;
    private static final int MAX_QUEUED = 32;

    private record Failure(int errorNumber, String message) {
    }

    private static final ThreadLocal<List<Failure>> FAILURES = ThreadLocal.withInitial(ArrayList::new);

    /** The most warnings a hold keeps (each text once); later ones are counted, not kept. */
    public static final int MAX_HELD = 64;
    /** Open holds ({@code io.tilework.gdal.GdalWarnings}): while above 0, warnings are kept, not logged. */
    private static final AtomicInteger HOLDS = new AtomicInteger();
    /** @GuardedBy("itself"), in the order GDAL gave them */
    private static final Set<String> HELD = new LinkedHashSet<>();
    private static final AtomicInteger DROPPED = new AtomicInteger();

    private ErrorQueue() {
    }

    /** Installs the handler; called once by {@code Gdal.initialize()}. */
    public static void install() {
        try {
            var type = MethodType.methodType(void.class, int.class, int.class, MemorySegment.class);
            var handle = MethodHandles.lookup().findStatic(ErrorQueue.class, "onError", type);
            var descriptor = FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS);
            MemorySegment stub = GdalLibrary.linker().upcallStub(handle, descriptor, Arena.global());
            Cpl.setErrorHandler(stub);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install the GDAL error handler", e);
        }
    }

    /** Keeps GDAL's warnings back, from every thread, until {@link #releaseWarnings}. */
    public static void holdWarnings() {
        HOLDS.incrementAndGet();
    }

    /**
     * Ends one hold; when it was the last, logs the warnings kept, each once, at WARN if
     * {@code show} (the work succeeded) or at DEBUG.
     */
    public static void releaseWarnings(boolean show) {
        if (HOLDS.decrementAndGet() > 0) {
            return;
        }
        List<String> texts;
        synchronized (HELD) {
            texts = List.copyOf(HELD);
            HELD.clear();
        }
        int dropped = DROPPED.getAndSet(0);
        for (String text : texts) {
            if (show) {
                LOG.warn("{}", text);
            } else {
                LOG.debug("{}", text);
            }
        }
        if (dropped > 0 && show) {
            LOG.warn("{} more GDAL warnings not shown", dropped);
        }
    }

    /** Forgets failures left over from earlier calls on this thread. */
    public static void clear() {
        FAILURES.get().clear();
    }

    /** Throws if GDAL reported a failure on this thread since the last {@link #clear}. */
    public static void check(String file, String call) {
        if (!FAILURES.get().isEmpty()) {
            throw failure(file, call);
        }
    }

    /**
     * The exception for a call that failed: built from the failures GDAL queued on this thread,
     * or a generic one when GDAL said nothing. Clears the queue.
     */
    public static GdalException failure(String file, String call) {
        List<Failure> queued = FAILURES.get();
        try {
            if (queued.isEmpty()) {
                return new GdalException(0, call + " failed", file, call);
            }
            Failure last = queued.getLast();
            List<String> messages = queued.stream().map(Failure::message).filter(m -> m != null && !m.isBlank()).distinct().toList();
            return new GdalException(last.errorNumber(), messages, file, call);
        } finally {
            queued.clear();
        }
    }

    @SuppressWarnings("unused") // called by GDAL through the upcall stub
    private static void onError(int errorClass, int errorNumber, MemorySegment message) {
        try {
            String text = CStrings.read(message);
            if (errorClass >= CE_FAILURE) {
                List<Failure> queued = FAILURES.get();
                if (queued.size() == MAX_QUEUED) {
                    // GDAL's own worker threads report here too, and nobody drains their queues
                    LOG.error("{}", queued.removeFirst().message());
                }
                queued.add(new Failure(errorNumber, text));
            } else if (errorClass == CE_WARNING) {
                if (HOLDS.get() == 0) {
                    LOG.warn("{}", text);
                } else {
                    synchronized (HELD) {
                        if (HELD.size() < MAX_HELD) {
                            HELD.add(text);
                        } else if (!HELD.contains(text)) {
                            DROPPED.incrementAndGet();
                        }
                    }
                }
            } else if (errorClass == CE_DEBUG) {
                LOG.debug("{}", text);
            }
        } catch (Throwable ignored) {
            // Nothing may escape an upcall: an exception here would terminate the JVM.
        }
    }
}
