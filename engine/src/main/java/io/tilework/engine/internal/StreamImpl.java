package io.tilework.engine.internal;

import io.tilework.engine.Outcome;
import io.tilework.engine.ResultStream;
import io.tilework.engine.Task;
import io.tilework.engine.TaskFailedException;
import io.tilework.engine.internal.Node.State;
import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.concurrent.locks.Condition;

/**
 * An ordered stream over the scheduler. Requests {@code [taken, taken + lookahead)} are claimed
 * (activated); taking a result releases it and activates the next request. All state is guarded
 * by the scheduler's lock; {@link #arrived} is signalled when an activated request completes.
 */
public final class StreamImpl<T> implements ResultStream<T>, Lane {

    private final Scheduler scheduler;
    private final List<Task<T>> requests;
    private final int lookahead;
    private final Node[] nodes;
    private final Condition arrived;
    /** Wakes this stream's consumer when one of its requests completes. */
    private final Node.Watcher signal;
    @GuardedBy("scheduler.lock")
    private int taken;
    @GuardedBy("scheduler.lock")
    private int activated;
    @GuardedBy("scheduler.lock")
    private boolean closed;

    StreamImpl(Scheduler scheduler, List<Task<T>> requests, int lookahead) {
        this.scheduler = scheduler;
        this.requests = requests;
        this.lookahead = lookahead;
        this.nodes = new Node[requests.size()];
        this.arrived = scheduler.lock.newCondition();
        this.signal = (done, effects) -> arrived.signalAll();
    }

    @Override
    public int taken() {
        scheduler.lock.lock();
        try {
            return taken;
        } finally {
            scheduler.lock.unlock();
        }
    }

    /** Called by the pools' queues, under the scheduler's lock. */
    @Override
    @GuardedBy("scheduler.lock")
    public long position() {
        return taken;
    }

    @Override
    public int size() {
        return requests.size();
    }

    /** Claims requests up to the lookahead window. Under the lock. */
    @GuardedBy("scheduler.lock")
    void activate(Effects effects) {
        while (!closed && activated < requests.size() && activated < taken + lookahead) {
            int index = activated++;
            Node node = scheduler.claim(requests.get(index), this, index, 0, 0, 1, effects);
            nodes[index] = node;
            if (!(node.state == State.DONE || node.state == State.FAILED)) {
                node.addWatcher(signal);
            }
        }
    }

    @Override
    public boolean hasNext() {
        scheduler.lock.lock();
        try {
            return !closed && taken < requests.size();
        } finally {
            scheduler.lock.unlock();
        }
    }

    @Override
    @SuppressWarnings("GuardedBy") // reads taken without the lock only for the message of an interruption
    public T next() {
        try {
            return nextOutcome().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for result " + taken + " of the stream", e);
        }
    }

    @Override
    public Outcome<T> nextOutcome() throws InterruptedException {
        return take(-1);
    }

    @Override
    public Outcome<T> pollOutcome(long timeout, TimeUnit unit) throws InterruptedException {
        return take(unit.toNanos(timeout));
    }

    /** Waits for the next result ({@code nanos < 0}: without limit); null on timeout. */
    private Outcome<T> take(long nanos) throws InterruptedException {
        var effects = new Effects();
        Outcome<T> outcome;
        scheduler.lock.lockInterruptibly();
        try {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("the stream is closed");
                }
                if (scheduler.isShutDown()) {
                    throw new IllegalStateException("the engine was closed while this stream was open");
                }
                if (taken == requests.size()) {
                    throw new NoSuchElementException("all " + requests.size() + " results were taken");
                }
                Node node = nodes[taken];
                if (node.state == State.DONE || node.state == State.FAILED) {
                    outcome = outcomeOf(taken, node);
                    nodes[taken] = null;
                    taken++;
                    scheduler.deref(node, effects);
                    activate(effects);
                    if (taken < activated) {
                        scheduler.promote(nodes[taken], this, taken, 0); // the next one is now awaited
                    }
                    scheduler.pumpAll(effects);
                    break;
                }
                if (nanos < 0) {
                    arrived.await();
                } else if (nanos == 0) {
                    return null;
                } else {
                    nanos = arrived.awaitNanos(nanos);
                    if (nanos <= 0 && !(node.state == State.DONE || node.state == State.FAILED)) {
                        return null;
                    }
                }
            }
        } finally {
            scheduler.lock.unlock();
        }
        effects.run();
        return outcome;
    }

    @SuppressWarnings("unchecked")
    private Outcome<T> outcomeOf(int index, Node node) {
        if (node.state == State.DONE) {
            return new Outcome.Success<>(index, (T) node.result);
        }
        return new Outcome.Failure<>(index, new TaskFailedException(node.key, node.failedKey, node.failure));
    }

    @Override
    public void close() {
        var effects = new Effects();
        scheduler.lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            scheduler.streamClosed(this);
            for (int i = taken; i < activated; i++) {
                Node node = nodes[i];
                nodes[i] = null;
                node.removeWatcher(signal); // one per activation; other streams' stay
                scheduler.deref(node, effects);
            }
            arrived.signalAll();
            scheduler.pumpAll(effects);
        } finally {
            scheduler.lock.unlock();
        }
        effects.run();
    }

    /** Wakes the consumer so it sees that the engine closed. Under the lock. */
    void wake() {
        arrived.signalAll();
    }

    @Override
    public BlockingQueue<Outcome<T>> asQueue() {
        return new QueueView();
    }

    /** The blocking-queue view: taking from it takes from the stream. */
    private final class QueueView extends AbstractQueue<Outcome<T>> implements BlockingQueue<Outcome<T>> {

        @Override
        public Outcome<T> take() throws InterruptedException {
            return nextOutcome();
        }

        @Override
        public Outcome<T> poll(long timeout, TimeUnit unit) throws InterruptedException {
            return hasNext() ? pollOutcome(timeout, unit) : null;
        }

        @Override
        public Outcome<T> poll() {
            try {
                return hasNext() ? pollOutcome(0, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        @Override
        public Outcome<T> peek() {
            throw new UnsupportedOperationException("a stream's results can be taken, not peeked");
        }

        @Override
        @SuppressWarnings("GuardedBy") // an estimate, as BlockingQueue.size allows: read without the lock
        public int size() {
            return requests.size() - taken;
        }

        @Override
        public Iterator<Outcome<T>> iterator() {
            return Collections.emptyIterator();
        }

        @Override
        public boolean offer(Outcome<T> outcome) {
            throw new UnsupportedOperationException("the stream's queue is read-only");
        }

        @Override
        public void put(Outcome<T> outcome) {
            throw new UnsupportedOperationException("the stream's queue is read-only");
        }

        @Override
        public boolean offer(Outcome<T> outcome, long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("the stream's queue is read-only");
        }

        @Override
        public int remainingCapacity() {
            return 0;
        }

        @Override
        public int drainTo(Collection<? super Outcome<T>> target) {
            return drainTo(target, Integer.MAX_VALUE);
        }

        @Override
        public int drainTo(Collection<? super Outcome<T>> target, int max) {
            int moved = 0;
            Outcome<T> next;
            while (moved < max && (next = poll()) != null) {
                target.add(next);
                moved++;
            }
            return moved;
        }
    }
}
