package io.tilework.server.events;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** One reader of the {@link EventHub}: a bounded queue it drains at its own pace. */
public final class Subscription implements AutoCloseable {

    private final Predicate<ServerEvent> filter;
    private final BlockingQueue<ServerEvent> queue;
    private final EventHub hub;
    private volatile boolean fellBehind;
    private volatile boolean closed;

    Subscription(Predicate<ServerEvent> filter, int capacity, EventHub hub) {
        this.filter = filter;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.hub = hub;
    }

    /** False when the queue is full: the subscriber fell behind and is dropped. */
    boolean offer(ServerEvent event) {
        if (!filter.test(event)) {
            return true;
        }
        if (queue.offer(event)) {
            return true;
        }
        fellBehind = true;
        return false;
    }

    /** The next event, or null after {@code millis} without one or once closed. */
    public ServerEvent poll(long millis) throws InterruptedException {
        ServerEvent event = queue.poll(millis, TimeUnit.MILLISECONDS);
        return event == WAKE ? null : event;
    }

    /** Whether it was dropped for falling behind (what it still holds may be read first). */
    public boolean fellBehind() {
        return fellBehind;
    }

    public int capacity() {
        return queue.size() + queue.remainingCapacity();
    }

    /** Whether it was closed: its client went away, or the server stops. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        hub.remove(this);
        // wakes a reader waiting for the next event, so it sees it is closed now rather than at its keep-alive
        queue.clear();
        queue.offer(WAKE);
    }

    /** Put in the queue by {@link #close()}; carries nothing. */
    private static final ServerEvent WAKE = new ServerEvent("closed", null, null, java.util.Map.of(), 0);
}
