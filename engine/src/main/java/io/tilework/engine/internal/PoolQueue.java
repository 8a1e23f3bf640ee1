package io.tilework.engine.internal;

import io.tilework.engine.pool.Pool;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The ready tasks of one pool, one priority queue per consumer lane, and the pool's occupancy.
 * Guarded by the scheduler's lock: only Scheduler methods marked {@code @GuardedBy("lock")} call it.
 *
 * <p>Within a lane, entries are ordered by request index, then depth (a task closer to its
 * request finishes a delivery, so it beats one that starts new work), then creation sequence.
 * Across lanes the head with the smallest relative index (request index minus what the lane's
 * consumer has taken) wins, which is evaluated only when a slot frees: late binding.
 */
final class PoolQueue {

    /** A queued node with the claim it was queued under; written out by hand, this is the hottest comparison. */
    record Entry(Node node, int token, long requestIndex, int depth, double order, long sequence) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            if (requestIndex != other.requestIndex) {
                return requestIndex < other.requestIndex ? -1 : 1;
            }
            if (depth != other.depth) {
                return depth < other.depth ? -1 : 1;
            }
            if (order != other.order) {
                return order < other.order ? -1 : 1;
            }
            return Long.compare(sequence, other.sequence);
        }
    }

    final Pool pool;
    final int slots;
    int running;
    int ready;
    long completed;
    long failed;
    long cancelled;
    private final Map<Lane, PriorityQueue<Entry>> lanes = new IdentityHashMap<>();
    private final List<Lane> order = new ArrayList<>();

    PoolQueue(Pool pool) {
        this.pool = pool;
        this.slots = pool.slots();
    }

    String name() {
        return pool.name();
    }

    void enqueue(Node node) {
        PriorityQueue<Entry> queue = lanes.get(node.lane);
        if (queue == null) {
            queue = new PriorityQueue<>();
            lanes.put(node.lane, queue);
            order.add(node.lane);
        }
        node.queueToken++;
        queue.add(new Entry(node, node.queueToken, node.requestIndex, node.depth, node.order, node.sequence));
    }

    /** The best ready node without removing it, or null; drops stale entries on the way. */
    Node peek() {
        Entry best = null;
        for (int i = 0; i < order.size(); i++) {
            Lane lane = order.get(i);
            PriorityQueue<Entry> queue = lanes.get(lane);
            Entry head = freshHead(queue);
            if (head == null) {
                lanes.remove(lane);
                order.remove(i--);
                continue;
            }
            if (best == null || better(head, lane, best)) {
                best = head;
            }
        }
        return best == null ? null : best.node();
    }

    /** Removes {@code node}, which {@link #peek()} just returned. */
    void remove(Node node) {
        lanes.get(node.lane).poll();
    }

    private static boolean better(Entry candidate, Lane lane, Entry best) {
        long relative = candidate.requestIndex() - lane.position();
        long bestRelative = best.requestIndex() - best.node().lane.position();
        if (relative != bestRelative) {
            return relative < bestRelative;
        }
        return candidate.compareTo(best) < 0;
    }

    private static Entry freshHead(PriorityQueue<Entry> queue) {
        while (!queue.isEmpty()) {
            Entry head = queue.peek();
            Node node = head.node();
            if (node.state == Node.State.READY && node.queueToken == head.token()) {
                return head;
            }
            queue.poll();
        }
        return null;
    }
}
