package io.tilework.engine.internal;

import io.tilework.engine.CancellationToken;
import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import java.util.ArrayList;
import java.util.List;

/**
 * One materialised task in the scheduler's graph. Every field is guarded by the scheduler's lock,
 * except {@code cancelled}, which running task code reads through the token. (The lock belongs to
 * another object, so Error Prone cannot check these fields; the Scheduler methods that touch them
 * are {@code @GuardedBy("lock")}, which it does check.)
 */
final class Node implements CancellationToken {

    enum State { LOOKUP, WAITING, READY, RUNNING, RETRY_WAIT, DONE, FAILED, CANCELLED }

    final Task<Object> task;
    final TaskKey key;
    final PoolQueue pool;
    final long bytes;
    final long sequence;

    State state;
    /** Parties that still need the result: dependents not yet finished, deliveries not yet taken. */
    int refs;
    List<Node> inputs = List.of();
    int pendingInputs;
    /** The inputs still to be claimed come from this list, from {@code nextInput} on; null once all are claimed. */
    List<Task<?>> described;
    int nextInput;
    /** How many inputs may be claimed and unfinished at once (see Scheduler.expand). */
    int window;
    /** Nodes waiting for this one; null until the first (most nodes never have more than one). */
    private List<Node> dependents;
    /** Streams or futures waiting for this node; null until the first. */
    private List<Watcher> watchers;
    Object result;
    /** The failed chunk (this one or an input) and what it threw. */
    TaskKey failedKey;
    Throwable failure;
    int attempt;
    boolean overBudget;
    boolean holdsBytes;
    volatile boolean cancelled;

    /** The best claim on this node: which consumer lane wants it, at what request index, how deep. */
    Lane lane;
    long requestIndex;
    int depth;
    /**
     * The node's place in its request's tree in depth-first order, as the start of a sub-interval
     * of [0, 1) of width {@code span}: the tie-break that finishes one branch before the next.
     */
    double order;
    double span;
    /** Bumped on every enqueue, so stale queue entries are recognised and skipped. */
    int queueToken;

    @SuppressWarnings("unchecked")
    Node(Task<?> task, PoolQueue pool, long sequence) {
        this.task = (Task<Object>) task;
        this.key = task.key();
        this.pool = pool;
        this.bytes = task.estimatedBytes();
        this.sequence = sequence;
    }

    void addDependent(Node dependent) {
        if (dependents == null) {
            dependents = new ArrayList<>(1);
        }
        dependents.add(dependent);
    }

    void removeDependent(Node dependent) {
        if (dependents != null) {
            dependents.remove(dependent);
        }
    }

    /** The dependents, forgotten by this node: the caller handles each once. */
    List<Node> takeDependents() {
        List<Node> taken = dependents == null ? List.of() : dependents;
        dependents = null;
        return taken;
    }

    void addWatcher(Watcher watcher) {
        if (watchers == null) {
            watchers = new ArrayList<>(1);
        }
        watchers.add(watcher);
    }

    boolean removeWatcher(Watcher watcher) {
        return watchers != null && watchers.remove(watcher);
    }

    /** The watchers, forgotten by this node: each is told once. */
    List<Watcher> takeWatchers() {
        List<Watcher> taken = watchers == null ? List.of() : watchers;
        watchers = null;
        return taken;
    }

    /** How many inputs this node has, claimed or not. */
    int inputCount() {
        return described == null ? inputs.size() : described.size();
    }

    boolean isTerminal() {
        return state == State.DONE || state == State.FAILED || state == State.CANCELLED;
    }

    /** The claim's distance from what its consumer takes next: 0 means someone is waiting for it. */
    long relativeIndex() {
        return requestIndex - lane.position();
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return key + " " + state;
    }

    /** Something outside the graph waiting for a requested node: a stream or a future. */
    interface Watcher {
        /** Called under the scheduler's lock when the node is DONE or FAILED. */
        void terminal(Node node, Effects effects);
    }
}
