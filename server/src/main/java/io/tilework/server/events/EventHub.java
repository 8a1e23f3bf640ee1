package io.tilework.server.events;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Fans server events out to the subscribers of the event stream. Publishing never blocks: each
 * subscriber has a bounded queue, and one that is full has fallen behind and is dropped (it gets
 * a last {@code dropped} event saying why); the engine's threads that publish go on at once.
 */
public final class EventHub {

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final LongAdder published = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    /** A subscription to the events {@code filter} accepts, holding at most {@code capacity} undelivered. */
    public Subscription subscribe(Predicate<ServerEvent> filter, int capacity) {
        var subscription = new Subscription(filter, capacity, this);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Whether anybody listens: publishers skip building events nobody reads. */
    public boolean hasSubscribers() {
        return !subscriptions.isEmpty();
    }

    public void publish(ServerEvent event) {
        published.increment();
        for (Subscription subscription : subscriptions) {
            // several engine threads publish at once: the one that removes it counts the drop, once
            if (!subscription.offer(event) && subscriptions.remove(subscription)) {
                dropped.increment();
            }
        }
    }

    /** Closes every subscription: the server stops, their streams end. */
    public void closeAll() {
        subscriptions.forEach(Subscription::close);
    }

    void remove(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    public int subscribers() {
        return subscriptions.size();
    }

    public long publishedCount() {
        return published.sum();
    }

    /** Subscribers dropped because they fell behind, since start. */
    public long droppedCount() {
        return dropped.sum();
    }
}
