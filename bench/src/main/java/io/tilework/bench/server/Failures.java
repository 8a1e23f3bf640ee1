package io.tilework.bench.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Errors seen by the load's clients: counted, and the first few kept to be shown. */
final class Failures {

    private static final int KEPT = 10;

    private final AtomicLong count = new AtomicLong();
    private final List<String> first = new ArrayList<>();

    void add(String message) {
        count.incrementAndGet();
        synchronized (first) {
            if (first.size() < KEPT) {
                first.add(message);
            }
        }
    }

    long count() {
        return count.get();
    }

    List<String> first() {
        synchronized (first) {
            return List.copyOf(first);
        }
    }
}
