package io.tilework.engine.internal;

import io.tilework.engine.Codec;
import io.tilework.engine.EngineMetrics;
import io.tilework.engine.Task;
import io.tilework.engine.TaskFailedException;
import io.tilework.engine.TaskInputs;
import io.tilework.engine.TaskKey;
import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.event.EngineListener;
import io.tilework.engine.internal.Node.State;
import io.tilework.engine.pool.Pool;
import io.tilework.engine.pool.RemotePool;
import io.tilework.engine.store.ChunkStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The scheduler: a graph of nodes materialised on demand, driven only by completion callbacks.
 *
 * Concurrency. One lock guards the whole graph (nodes, pool queues, budget, streams). Critical
 * sections are short and never run foreign code: what a locked operation decides to do — start a
 * task, complete a future, tell a listener — is collected in an Effects list and done after the
 * lock is released. Task functions, store I/O and codecs run outside the lock. The one exception
 * is a task's input supplier, which is called while materialising its node: keep it cheap and
 * never call the engine from it.
 *
 * Lifecycle of a node. Claimed by a request (a stream position, a future) or by a dependent, it
 * is LOOKUP while the chunk store is asked (only tasks with a codec), then WAITING for its inputs,
 * READY in its pool's queue, RUNNING, and finally DONE, FAILED or CANCELLED; RETRY_WAIT sits
 * between a failed attempt and the next. `refs` counts the parties that still need the result;
 * when it drops to zero the node is cancelled (not started yet), told to stop (running), or its
 * result released (done). Equal keys share one live node: deduplication in flight; the store
 * deduplicates across time and processes.
 *
 * Priorities. See PoolQueue: request order relative to what each consumer has taken, then
 * finish-before-start, then depth-first position in the request's tree, then creation order,
 * evaluated when a slot frees.
 *
 * Lazy expansion. A node claims its inputs in order, at most a window of them unfinished at once
 * (16, or twice the slots of the inputs' pool), and claims more as they finish. With depth-first priorities this keeps the live graph to
 * a few windows per level, whatever the size of the DAG behind one request: a million-task
 * request is never materialised whole.
 *
 * Memory. `held` counts the estimated bytes of results produced and not yet released plus those
 * of running tasks. A task starts only if it fits in the budget, except the work a consumer is
 * waiting for right now (relative index 0), which may start over budget one task at a time: that
 * is what makes a tiny budget slow rather than deadlocked. Streams promote the subtree of the
 * request they wait for each time they advance (see promote); single submissions are not
 * promoted, so a submission whose inputs are shared with a stream may wait on that stream's
 * claim under a very tight budget.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /**
     * The one lock of the kernel: it guards the graph (every field of every {@link Node}, every
     * {@link PoolQueue} and {@link StreamImpl}) and the counters below. Consumers, pool workers,
     * store threads and the retry timer all take it; none holds it while a task, the store or a
     * listener runs.
     */
    final ReentrantLock lock = new ReentrantLock();
    @GuardedBy("lock")
    private final Map<TaskKey, Node> live = new HashMap<>();
    /** Futures of submitted tasks not yet done: failed by {@link #close}. */
    @GuardedBy("lock")
    private final Set<CompletableFuture<?>> pendingSubmissions = new HashSet<>();
    private final Map<String, PoolQueue> pools = new LinkedHashMap<>();
    private final long budget;
    private final ChunkStore store;
    /** Whether a store failure the user can fix (a full disk) was logged: once is enough, the rest go to DEBUG. */
    private final java.util.concurrent.atomic.AtomicBoolean storeFailureReported = new java.util.concurrent.atomic.AtomicBoolean();
    /** Inputs of one node claimed and not yet finished, at most (see expand), unless their pool needs more. */
    private final int inputWindow;
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService storeThreads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("tilework-store-", 1).factory());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("tilework-retry-timer").daemon(true).factory());
    private final SubmissionLane submissions = new SubmissionLane();
    private final long startNanos = System.nanoTime();

    @GuardedBy("lock")
    private final java.util.Set<StreamImpl<?>> openStreams = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    @GuardedBy("lock")
    private boolean shutDown;
    /** The memory budget's use: estimated bytes of results held and of running tasks (see the class comment). */
    @GuardedBy("lock")
    private long held;
    @GuardedBy("lock")
    private int overBudgetRunning;
    @GuardedBy("lock")
    private long sequence;
    @GuardedBy("lock")
    private long completed;
    @GuardedBy("lock")
    private long cacheHits;
    @GuardedBy("lock")
    private long cacheMisses;

    public Scheduler(List<Pool> pools, long budgetBytes, ChunkStore store, int inputWindow) {
        if (inputWindow < 1) {
            throw new IllegalArgumentException("inputWindow must be at least 1: " + inputWindow);
        }
        this.inputWindow = inputWindow;
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("the memory budget must be positive: " + budgetBytes + " bytes");
        }
        for (Pool pool : pools) {
            this.pools.put(pool.name(), new PoolQueue(pool));
        }
        this.budget = budgetBytes;
        this.store = store;
    }

    // ---- listeners and events ----------------------------------------------------------------

    public void addListener(EngineListener listener) {
        listeners.add(listener);
    }

    public void removeListener(EngineListener listener) {
        listeners.remove(listener);
    }

    /** The engine's listener for the store: counts hits and misses, then forwards. */
    public void onStoreEvent(EngineEvent event) {
        if (event instanceof EngineEvent.CacheHit || event instanceof EngineEvent.CacheMiss) {
            lock.lock();
            try {
                if (event instanceof EngineEvent.CacheHit) {
                    cacheHits++;
                } else {
                    cacheMisses++;
                }
            } finally {
                lock.unlock();
            }
        }
        publish(event);
    }

    private void emit(Effects effects, EngineEvent event) {
        if (!listeners.isEmpty()) {
            effects.add(() -> publish(event));
        }
    }

    private void publish(EngineEvent event) {
        for (EngineListener listener : listeners) {
            try {
                listener.on(event);
            } catch (RuntimeException e) {
                LOG.warn("engine listener {} failed on {}: {}", listener, event, e.toString());
                LOG.debug("engine listener failed", e); // the stack trace only when asked for (--verbose)
            }
        }
    }

    private boolean observed() {
        return !listeners.isEmpty();
    }

    // ---- requests ----------------------------------------------------------------------------

    /** One result as a future; cancelling the future withdraws the request. */
    public <T> CompletableFuture<T> submit(Task<T> task) {
        var future = new CompletableFuture<T>();
        var effects = new Effects();
        lock.lock();
        try {
            checkOpen();
            long index = submissions.next();
            Node node = claim(task, submissions, index, 0, 0, 1, effects);
            @SuppressWarnings("GuardedBy") // watchers are called under the lock, which the checker cannot see in a lambda
            Node.Watcher watcher = (done, fx) -> {
                submissions.finished();
                if (done.state == State.DONE) {
                    @SuppressWarnings("unchecked")
                    T value = (T) done.result;
                    fx.add(() -> future.complete(value));
                } else {
                    var failure = new TaskFailedException(done.key, done.failedKey, done.failure);
                    fx.add(() -> future.completeExceptionally(failure));
                }
                deref(done, fx); // after reading the result: this may release it
            };
            if (node.state == State.DONE || node.state == State.FAILED) {
                watcher.terminal(node, effects);
            } else {
                node.addWatcher(watcher);
                pendingSubmissions.add(future);
                future.whenComplete((value, failure) -> {
                    if (future.isCancelled()) {
                        withdraw(node, watcher);
                    }
                    forget(future);
                });
            }
            pumpAll(effects);
        } finally {
            lock.unlock();
        }
        effects.run();
        return future;
    }

    private void forget(CompletableFuture<?> future) {
        lock.lock();
        try {
            pendingSubmissions.remove(future);
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("GuardedBy") // the lambda runs under the lock, inside update()
    private void withdraw(Node node, Node.Watcher watcher) {
        update(effects -> {
            if (node.removeWatcher(watcher)) {
                submissions.finished();
                deref(node, effects);
            }
        });
    }

    /**
     * A change to the graph from outside a worker's completion: made under the lock, followed by
     * dispatching what it made possible; its effects run once the lock is released.
     */
    private void update(java.util.function.Consumer<Effects> change) {
        var effects = new Effects();
        lock.lock();
        try {
            change.accept(effects);
            pumpAll(effects);
        } finally {
            lock.unlock();
        }
        effects.run();
    }

    /** Opens an ordered stream; see {@link io.tilework.engine.ResultStream}. */
    @SuppressWarnings("GuardedBy") // stream.scheduler is this: its lock is the one held
    public <T> StreamImpl<T> stream(List<Task<T>> requests, int lookahead) {
        if (lookahead < 1) {
            throw new IllegalArgumentException("lookahead must be at least 1: " + lookahead);
        }
        var stream = new StreamImpl<>(this, List.copyOf(requests), lookahead);
        var effects = new Effects();
        lock.lock();
        try {
            checkOpen();
            openStreams.add(stream);
            stream.activate(effects);
            pumpAll(effects);
        } finally {
            lock.unlock();
        }
        effects.run();
        return stream;
    }

    @GuardedBy("lock")
    private void checkOpen() {
        if (shutDown) {
            throw new IllegalStateException("the engine is closed");
        }
    }

    // ---- graph (all under the lock) ----------------------------------------------------------

    /** Claims the node computing {@code task} for a request or a dependent; creates it if needed. */
    @GuardedBy("lock")
    Node claim(Task<?> task, Lane lane, long index, int depth, double order, double span, Effects effects) {
        Node node = live.get(task.key());
        if (node != null) {
            node.refs++;
            node.cancelled = false; // wanted again, even if it was told to stop while running
            improveClaim(node, lane, index, depth, order, span);
            return node;
        }
        PoolQueue pool = pools.get(task.pool());
        if (pool == null) {
            throw new IllegalArgumentException("task " + task.key() + " asks for pool '" + task.pool()
                    + "', which this engine does not have; pools: " + pools.keySet());
        }
        node = new Node(task, pool, sequence++);
        node.refs = 1;
        node.lane = lane;
        node.requestIndex = index;
        node.depth = depth;
        node.order = order;
        node.span = span;
        live.put(node.key, node);
        if (task.codec() != null && store != ChunkStore.none()) {
            lookUp(node, effects);
        } else {
            materialise(node, effects);
        }
        return node;
    }

    private void improveClaim(Node node, Lane lane, long index, int depth, double order, double span) {
        if (node.isTerminal() || node.state == State.RUNNING) {
            return;
        }
        long relative = index - lane.position();
        long current = node.relativeIndex();
        if (relative > current || (relative == current && depth >= node.depth)) {
            return;
        }
        node.lane = lane;
        node.requestIndex = index;
        node.depth = depth;
        node.order = order;
        node.span = span;
        if (node.state == State.READY) {
            node.pool.enqueue(node); // the old entry goes stale
        }
        int count = node.inputCount();
        for (int i = 0; i < node.inputs.size(); i++) {
            improveClaim(node.inputs.get(i), lane, index, depth + 1, order + i * span / count, span / count);
        }
    }

    /**
     * Gives the whole pending subtree of the request a consumer waits for the claim of that
     * request. Claims are chosen when nodes are claimed, but relative indices shift as consumers
     * take results, so an input shared with another stream may still carry that stream's less
     * urgent claim; the over-budget exception that keeps the engine from deadlocking only applies
     * to awaited work, so the awaited subtree must say so.
     */
    void promote(Node node, Lane lane, long index, int depth) {
        if (node.isTerminal() || node.state == State.RUNNING) {
            return;
        }
        if (node.relativeIndex() > index - lane.position()
                || (node.relativeIndex() == index - lane.position() && node.depth > depth)) {
            node.lane = lane;
            node.requestIndex = index;
            node.depth = depth;
            if (node.state == State.READY) {
                node.pool.enqueue(node);
            }
        }
        for (Node input : node.inputs) {
            promote(input, lane, index, depth + 1);
        }
    }

    private void lookUp(Node node, Effects effects) {
        node.state = State.LOOKUP;
        effects.add(() -> storeThreads.execute(() -> {
            Object value = null;
            try {
                Optional<byte[]> bytes = store.get(node.key);
                if (bytes.isPresent()) {
                    value = node.task.codec().decode(bytes.get());
                }
            } catch (RuntimeException e) {
                LOG.warn("chunk store lookup of {} failed; computing it instead: {}", node.key, e.getMessage());
                LOG.debug("chunk store lookup failed", e);
            }
            afterLookup(node, value);
        }));
    }

    @SuppressWarnings("GuardedBy") // the lambda runs under the lock, inside update(), which the checker cannot see
    private void afterLookup(Node node, Object value) {
        update(effects -> {
            if (node.state != State.LOOKUP) {
                return; // cancelled meanwhile
            }
            if (value != null) {
                node.holdsBytes = true;
                held += node.bytes;
                succeed(node, value, effects);
            } else {
                materialise(node, effects);
            }
        });
    }

    @GuardedBy("lock")
    private void materialise(Node node, Effects effects) {
        node.state = State.WAITING;
        List<Task<?>> described;
        try {
            described = node.task.inputs();
        } catch (RuntimeException e) { // a broken input description fails this task, not the engine
            fail(node, node.key, e, effects);
            return;
        }
        PoolQueue inputPool = described.isEmpty() ? null : pools.get(described.get(0).pool());
        node.window = Math.max(inputWindow, inputPool == null ? 0 : 2 * inputPool.slots);
        node.inputs = new ArrayList<>(Math.min(described.size(), node.window));
        node.described = described;
        expand(node, effects);
    }

    /**
     * Claims a node's next inputs, in order, until {@code node.window} of them are unfinished or
     * all are claimed; {@link #succeed} calls it again as inputs finish. Claiming a thousand
     * inputs at once would materialise their whole subtrees and hold every finished one; a
     * window keeps the graph, the ready queues, the lock's critical sections and the held results
     * small, while still giving the inputs' pool twice as much ready work as it has threads.
     */
    @GuardedBy("lock")
    private void expand(Node node, Effects effects) {
        List<Task<?>> described = node.described;
        int count = described.size();
        double span = node.span / count;
        try {
            while (node.nextInput < count && node.pendingInputs < node.window) {
                int i = node.nextInput++;
                Node input = claim(described.get(i), node.lane, node.requestIndex, node.depth + 1,
                        node.order + i * span, span, effects);
                node.inputs.add(input);
                switch (input.state) {
                    case DONE -> { }
                    case FAILED -> {
                        fail(node, input.failedKey, input.failure, effects);
                        return;
                    }
                    default -> {
                        node.pendingInputs++;
                        input.addDependent(node);
                    }
                }
            }
        } catch (RuntimeException e) {
            fail(node, node.key, e, effects);
            return;
        }
        if (node.nextInput == count) {
            node.described = null;
            if (node.pendingInputs == 0) {
                makeReady(node, effects);
            }
        }
    }

    private void makeReady(Node node, Effects effects) {
        node.state = State.READY;
        node.pool.ready++;
        node.pool.enqueue(node);
        emit(effects, new EngineEvent.Queued(node.key, node.pool.name()));
    }

    /** Someone no longer needs {@code node}. */
    @GuardedBy("lock")
    void deref(Node node, Effects effects) {
        if (--node.refs > 0) {
            return;
        }
        switch (node.state) {
            case RUNNING -> {
                node.cancelled = true; // released when it returns
                emit(effects, new EngineEvent.Cancelled(node.key, true));
            }
            case DONE, FAILED -> forget(node, effects);
            case CANCELLED -> { }
            default -> {
                if (node.state == State.READY) {
                    node.pool.ready--;
                }
                node.state = State.CANCELLED;
                node.cancelled = true;
                node.pool.cancelled++;
                emit(effects, new EngineEvent.Cancelled(node.key, false));
                forget(node, effects);
            }
        }
    }

    /** Drops a node nobody needs: releases its bytes and its hold on its inputs. */
    @GuardedBy("lock")
    private void forget(Node node, Effects effects) {
        if (live.get(node.key) == node) {
            live.remove(node.key);
        }
        node.described = null;
        release(node, effects);
        node.result = null;
        for (Node input : node.inputs) {
            input.removeDependent(node);
        }
        List<Node> inputs = node.inputs;
        node.inputs = List.of();
        if (node.state != State.DONE && node.state != State.FAILED) {
            for (Node input : inputs) {
                deref(input, effects);
            }
        }
    }

    @GuardedBy("lock")
    private void release(Node node, Effects effects) {
        if (node.holdsBytes) {
            node.holdsBytes = false;
            held -= node.bytes;
            if (observed()) {
                emit(effects, new EngineEvent.BudgetChanged(held, budget));
            }
        }
    }

    @GuardedBy("lock")
    private void succeed(Node node, Object value, Effects effects) {
        node.state = State.DONE;
        node.result = value;
        List<Node> inputs = node.inputs;
        node.inputs = List.of(); // a finished node must not keep its inputs' nodes reachable
        for (Node input : inputs) {
            deref(input, effects); // no longer needed by this node
        }
        for (Node dependent : node.takeDependents()) {
            if (dependent.state != State.WAITING) {
                continue;
            }
            dependent.pendingInputs--;
            if (dependent.described != null) {
                if (dependent.pendingInputs <= dependent.window / 2) { // refill in batches, not one claim per completion
                    expand(dependent, effects);
                }
            } else if (dependent.pendingInputs == 0) {
                makeReady(dependent, effects);
            }
        }
        notifyWatchers(node, effects);
        if (node.refs == 0) {
            forget(node, effects);
        }
    }

    @GuardedBy("lock")
    private void fail(Node node, TaskKey failedKey, Throwable failure, Effects effects) {
        node.state = State.FAILED;
        node.described = null;
        node.failedKey = failedKey;
        node.failure = failure;
        release(node, effects);
        List<Node> inputs = node.inputs;
        node.inputs = List.of();
        for (Node input : inputs) {
            input.removeDependent(node);
            deref(input, effects);
        }
        for (Node dependent : node.takeDependents()) {
            if (dependent.state == State.WAITING) {
                fail(dependent, failedKey, failure, effects);
            }
        }
        notifyWatchers(node, effects);
    }

    private void notifyWatchers(Node node, Effects effects) {
        for (Node.Watcher watcher : node.takeWatchers()) {
            watcher.terminal(node, effects);
        }
    }

    // ---- dispatch ----------------------------------------------------------------------------

    @GuardedBy("lock")
    void pumpAll(Effects effects) {
        for (PoolQueue pool : pools.values()) {
            pump(pool, effects);
        }
    }

    @GuardedBy("lock")
    private void pump(PoolQueue pool, Effects effects) {
        while (!shutDown && pool.running < pool.slots) {
            Node node = pool.peek();
            if (node == null) {
                return;
            }
            boolean fits = held + node.bytes <= budget;
            boolean awaited = node.relativeIndex() <= 0 && overBudgetRunning == 0;
            if (!fits && !awaited) {
                return; // strict priority: wait for memory rather than let smaller work overtake
            }
            pool.remove(node);
            pool.ready--;
            pool.running++;
            node.state = State.RUNNING;
            node.attempt++;
            node.overBudget = !fits;
            if (!fits) {
                overBudgetRunning++;
            }
            node.holdsBytes = true;
            held += node.bytes;
            // Started is published by the thread that runs the task (its lane is known only there); what it
            // consumes is read here, under the lock, and only when someone listens
            List<EngineEvent.Started.Input> consumed = null;
            if (observed()) {
                emit(effects, new EngineEvent.PoolOccupancy(pool.name(), pool.running, pool.ready, pool.slots));
                emit(effects, new EngineEvent.BudgetChanged(held, budget));
                consumed = consumedBy(node);
            }
            Object[] inputs = new Object[node.inputs.size()];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = node.inputs.get(i).result;
            }
            List<EngineEvent.Started.Input> started = consumed;
            effects.add(() -> launch(node, inputs, started));
        }
    }

    /** The inputs {@code node} consumes, for its Started event. Under the lock. */
    private static List<EngineEvent.Started.Input> consumedBy(Node node) {
        if (node.inputs.isEmpty()) {
            return List.of();
        }
        var consumed = new EngineEvent.Started.Input[node.inputs.size()];
        for (int i = 0; i < consumed.length; i++) {
            Node input = node.inputs.get(i);
            consumed[i] = new EngineEvent.Started.Input(input.key, input.bytes);
        }
        return List.of(consumed);
    }

    /**
     * Where the current thread runs a task of {@code pool}, for events: the thread's name, or the
     * pool's for a virtual thread (one per task: its name would make a lane per task).
     */
    private static String lane(PoolQueue pool) {
        Thread thread = Thread.currentThread();
        return thread.isVirtual() || thread.getName().isEmpty() ? pool.name() : thread.getName();
    }

    /** Publishes that {@code node} starts now in {@code lane}; {@code consumed} is null when nobody listened at dispatch. */
    private void started(Node node, String lane, List<EngineEvent.Started.Input> consumed) {
        if (consumed != null) {
            publish(new EngineEvent.Started(node.key, node.pool.name(), node.attempt, lane, consumed));
        }
    }

    private void launch(Node node, Object[] inputs, List<EngineEvent.Started.Input> consumed) {
        Pool pool = node.pool.pool;
        if (pool instanceof RemotePool remote && node.task.descriptor() != null) {
            launchRemote(remote, node, inputs, consumed);
            return;
        }
        Handoff handoff = HANDOFF.get();
        if (handoff.pool == node.pool && handoff.next == null) {
            handoff.next = node; // this worker runs it next: no queue, no wake-up
            handoff.inputs = inputs;
            handoff.consumed = consumed;
            return;
        }
        try {
            pool.execute(() -> runOnWorker(node, inputs, consumed));
        } catch (RuntimeException e) { // a pool that was shut down
            finished(node, null, e, System.nanoTime(), null);
        }
    }

    /**
     * Runs {@code node}, then, as long as finishing a task makes another of the same pool ready,
     * runs that one too on this thread: the worker that frees a slot fills it itself.
     */
    private void runOnWorker(Node first, Object[] firstInputs, List<EngineEvent.Started.Input> firstConsumed) {
        Handoff handoff = HANDOFF.get();
        PoolQueue outer = handoff.pool; // an inline task may run nested inside another pool's task
        handoff.pool = first.pool;
        Node node = first;
        Object[] inputs = firstInputs;
        List<EngineEvent.Started.Input> consumed = firstConsumed;
        try {
            while (node != null) {
                run(node, inputs, consumed);
                node = handoff.next;
                inputs = handoff.inputs;
                consumed = handoff.consumed;
                handoff.next = null;
                handoff.inputs = null;
                handoff.consumed = null;
            }
        } finally {
            handoff.pool = outer;
        }
    }

    /** The task a worker thread has claimed to run after the current one. */
    private static final class Handoff {
        PoolQueue pool;
        Node next;
        Object[] inputs;
        List<EngineEvent.Started.Input> consumed;
    }

    private static final ThreadLocal<Handoff> HANDOFF = ThreadLocal.withInitial(Handoff::new);

    private void run(Node node, Object[] inputs, List<EngineEvent.Started.Input> consumed) {
        String lane = null; // named only for listeners; finished() names it if one came meanwhile
        if (consumed != null) {
            lane = lane(node.pool);
            started(node, lane, consumed);
        }
        long start = System.nanoTime();
        Object value;
        try {
            value = node.task.function().compute(new Inputs(inputs), node);
            if (value == null) {
                throw new IllegalStateException("task " + node.key + " returned null; return a value or throw");
            }
        } catch (Throwable failure) {
            finished(node, null, failure, start, lane);
            return;
        }
        persist(node, value);
        finished(node, value, null, start, lane);
    }

    private void launchRemote(RemotePool pool, Node node, Object[] inputs, List<EngineEvent.Started.Input> consumed) {
        String lane = pool.name(); // the member that runs it is the remote pool's business
        started(node, lane, consumed);
        long start = System.nanoTime();
        List<byte[]> encoded = new ArrayList<>(inputs.length);
        Codec<Object> codec = node.task.codec();
        try {
            if (codec == null) {
                throw new IllegalStateException("task " + node.key + " runs on remote pool " + pool.name()
                        + " but has no codec for its result");
            }
            for (int i = 0; i < inputs.length; i++) {
                Codec<Object> inputCodec = node.inputs.get(i).task.codec();
                if (inputCodec == null) {
                    throw new IllegalStateException("input " + node.inputs.get(i).key + " of remote task " + node.key
                            + " has no codec, so it cannot be shipped");
                }
                encoded.add(inputCodec.encode(inputs[i]));
            }
        } catch (RuntimeException e) {
            finished(node, null, e, start, lane);
            return;
        }
        pool.submit(node.key, node.task.descriptor().withInputs(encoded)).whenComplete((bytes, failure) -> {
            if (failure != null) {
                finished(node, null, failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause() : failure, start, lane);
                return;
            }
            Object value;
            try {
                value = codec.decode(bytes);
            } catch (RuntimeException e) {
                finished(node, null, e, start, lane);
                return;
            }
            persist(node, value);
            finished(node, value, null, start, lane);
        });
    }

    /** Writes a fresh result to the store before anyone can ask for it again. */
    private void persist(Node node, Object value) {
        Codec<Object> codec = node.task.codec();
        if (codec == null || store == ChunkStore.none() || node.cancelled) {
            return;
        }
        try {
            store.put(node.key, codec.encode(value));
        } catch (io.tilework.engine.failure.UserFailure e) { // a full disk: said once, without a stack trace
            if (storeFailureReported.compareAndSet(false, true)) {
                LOG.warn("results are delivered but no longer cached: {}", e.getMessage());
            } else {
                LOG.debug("cannot store the result of {}: {}", node.key, e.getMessage());
            }
        } catch (RuntimeException e) {
            // One line that names the entry and what was done; the stack trace only when asked for (--verbose).
            LOG.warn("not cached (the result is delivered): {}", e.getMessage());
            LOG.debug("cannot store the result of {}", node.key, e);
        }
    }

    /** {@code lane}: where it ran, or null for the current thread (see {@link #lane}). */
    private void finished(Node node, Object value, Throwable failure, long startNanos, String ranIn) {
        String lane = ranIn != null || !observed() ? ranIn : lane(node.pool);
        var effects = new Effects();
        lockBriefly();
        try {
            PoolQueue pool = node.pool;
            pool.running--;
            if (node.overBudget) {
                node.overBudget = false;
                overBudgetRunning--;
            }
            if (node.refs == 0) {
                node.state = State.CANCELLED;
                pool.cancelled++;
                forget(node, effects);
            } else if (failure instanceof CancellationException) {
                // told to stop, then wanted again before it returned: run it again, not a failure
                node.attempt--;
                release(node, effects);
                makeReady(node, effects);
            } else if (failure == null) {
                pool.completed++;
                completed++;
                if (observed()) {
                    emit(effects, new EngineEvent.Finished(node.key, pool.name(), System.nanoTime() - startNanos, node.bytes, lane));
                }
                succeed(node, value, effects);
            } else if (node.task.retry().shouldRetry(node.attempt, failure)) {
                if (observed()) {
                    emit(effects, new EngineEvent.Failed(node.key, pool.name(), node.attempt, failure, true, lane));
                }
                release(node, effects);
                node.state = State.RETRY_WAIT;
                long delay = node.task.retry().delayBefore(node.attempt + 1).toNanos();
                effects.add(() -> timer.schedule(() -> retry(node), delay, TimeUnit.NANOSECONDS));
            } else {
                pool.failed++;
                if (observed()) {
                    emit(effects, new EngineEvent.Failed(node.key, pool.name(), node.attempt, failure, false, lane));
                }
                fail(node, node.key, failure, effects);
            }
            if (observed()) {
                emit(effects, new EngineEvent.PoolOccupancy(pool.name(), pool.running, pool.ready, pool.slots));
            }
            pumpAll(effects);
        } finally {
            lock.unlock();
        }
        effects.run();
    }

    /**
     * Takes the lock for a short critical section. Workers finishing tiny tasks contend for it
     * constantly; spinning briefly before parking saves the park/unpark round trip, which costs
     * more than the critical section itself.
     */
    private void lockBriefly() {
        for (int spin = 0; spin < SPINS_BEFORE_PARKING; spin++) {
            if (lock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }

    private static final int SPINS_BEFORE_PARKING = Runtime.getRuntime().availableProcessors() > 1 ? 200 : 0;

    private void retry(Node node) {
        update(effects -> {
            if (node.state == State.RETRY_WAIT) {
                makeReady(node, effects);
            }
        });
    }

    // ---- metrics and shutdown ----------------------------------------------------------------

    public EngineMetrics metrics() {
        lock.lock();
        try {
            var byPool = new LinkedHashMap<String, EngineMetrics.PoolMetrics>();
            for (PoolQueue pool : pools.values()) {
                byPool.put(pool.name(), new EngineMetrics.PoolMetrics(pool.slots, pool.ready, pool.running,
                        pool.completed, pool.failed, pool.cancelled));
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return new EngineMetrics(Map.copyOf(byPool), held, budget, cacheHits, cacheMisses, completed,
                    seconds > 0 ? completed / seconds : 0);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes held now (for tests and benchmarks). */
    public long heldBytes() {
        lock.lock();
        try {
            return held;
        } finally {
            lock.unlock();
        }
    }

    /** A one-line-per-node description of the live graph, for diagnosing a stuck consumer. */
    public String describe() {
        lock.lock();
        try {
            var text = new StringBuilder("held " + held + " of " + budget + ", over-budget running " + overBudgetRunning + "\n");
            for (PoolQueue pool : pools.values()) {
                text.append("pool ").append(pool.name()).append(": running ").append(pool.running)
                        .append(", ready ").append(pool.ready).append('\n');
            }
            for (Node node : live.values()) {
                text.append("  ").append(node.key).append(' ').append(node.state).append(" refs ").append(node.refs)
                        .append(" pending ").append(node.pendingInputs).append(" rel ").append(node.relativeIndex())
                        .append(" bytes ").append(node.bytes).append(" inputs ")
                        .append(node.inputs.stream().map(n -> n.key.chunk() + ":" + n.state).toList()).append('\n');
            }
            return text.toString();
        } finally {
            lock.unlock();
        }
    }

    /** Nodes alive in the graph now (for tests: zero once every stream is closed and drained). */
    public int liveNodes() {
        lock.lock();
        try {
            return live.size();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} was called. Under the lock. */
    @GuardedBy("lock")
    boolean isShutDown() {
        return shutDown;
    }

    /** Stops timers and store threads; consumers waiting on open streams are woken and fail. */
    @Override
    public void close() {
        List<CompletableFuture<?>> abandoned;
        lock.lock();
        try {
            shutDown = true; // from now on no task starts
            openStreams.forEach(StreamImpl::wake);
            openStreams.clear();
            live.values().forEach(node -> node.cancelled = true); // running tasks may stop early
            abandoned = List.copyOf(pendingSubmissions);
            pendingSubmissions.clear();
        } finally {
            lock.unlock();
        }
        var closed = new IllegalStateException("the engine was closed before the result was computed");
        abandoned.forEach(future -> future.completeExceptionally(closed));
        timer.shutdownNow();
        storeThreads.shutdown();
    }

    @GuardedBy("lock")
    void streamClosed(StreamImpl<?> stream) {
        openStreams.remove(stream);
    }

    /** Input results handed to a task function. */
    private record Inputs(Object[] values) implements TaskInputs {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <X> X get(int index) {
            return (X) values[index];
        }

        @Override
        @SuppressWarnings("unchecked")
        public <X> List<X> all() {
            return (List<X>) List.of(values);
        }
    }

    /** All single submissions share one lane, ordered by submission. */
    private static final class SubmissionLane implements Lane {
        private long submitted;
        private long finished;

        long next() {
            return submitted++;
        }

        void finished() {
            finished++;
        }

        @Override
        public long position() {
            return finished;
        }
    }
}
