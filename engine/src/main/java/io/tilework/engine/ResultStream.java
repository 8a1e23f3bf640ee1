package io.tilework.engine;

import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Results of an ordered list of requests, delivered in request order. At most {@code lookahead}
 * requests beyond the last one taken are being computed or held; taking a result lets the next
 * request start. Close it (try-with-resources) to cancel what nobody else needs.
 *
 * <p>A failed request takes its place in the order: {@link #next()} throws its
 * {@link TaskFailedException} and the stream goes on with the following request;
 * {@link #nextOutcome()} returns it as an {@link Outcome.Failure}.
 *
 * <p>One consumer thread at a time.
 */
public interface ResultStream<T> extends Iterator<T>, AutoCloseable {

    /** How many requests the stream was opened with. */
    int size();

    /** How many results have been taken. */
    int taken();

    /** Whether a result remains to be taken. */
    @Override
    boolean hasNext();

    /** Waits for the next result; throws its {@link TaskFailedException} if it failed. */
    @Override
    T next();

    /** Waits for the next result as an outcome. */
    Outcome<T> nextOutcome() throws InterruptedException;

    /** The next outcome if it arrives within the timeout, else null. */
    Outcome<T> pollOutcome(long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * A blocking-queue view: {@code take()}/{@code poll(...)} hand out outcomes in order and count
     * as taking them from this stream. Read-only: adding to it throws.
     */
    BlockingQueue<Outcome<T>> asQueue();

    /** Cancels the requests not yet taken; work another stream needs goes on. Idempotent. */
    @Override
    void close();
}
