package io.tilework.process.engine;

import io.tilework.process.failure.ProcessFailure;
import io.tilework.process.failure.StoreUnavailable;
import io.tilework.process.runtime.Effect;
import io.tilework.process.store.Commit;
import io.tilework.process.store.LogRecord;
import io.tilework.process.store.OutboxEntry;
import io.tilework.process.store.ProcessStore;
import io.tilework.process.store.TimerEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one thread and the queue in front of it. Any thread may {@link #submit} a command;
 * the loop takes them a batch at a time, has each interpreted, commits the batch at once (group
 * commit), and only then lets anything out: timers, deliveries, subscribers, then the commands'
 * futures. Everything the loop touches while interpreting ({@link LiveInstances}, {@link Batch})
 * is confined to its thread.
 *
 * <p>The loop serves only while it has a {@code term} (leadership on a shared database; always for a
 * single engine): a standby's loop refuses commands. A commit that fails may have been written after
 * all (a connection broken during the commit): the loop then forgets what it cached and takes up the
 * store's timers and outbox again before the next batch, so the next command reads the store's truth.
 */
final class EngineLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);

    private final ProcessStore store;
    private final BatchWriter writer;
    private final CommandInterpreter interpreter;
    private final LiveInstances instances;
    private final Timers timers;
    private final Dispatcher dispatcher;
    private final List<Consumer<LogRecord>> subscribers;
    private final int maxBatch;
    private final int snapshotEvery;
    private final LinkedBlockingDeque<Command> queue = new LinkedBlockingDeque<>();
    /** How long a batch smaller than the last one waits for more commands. */
    private static final long LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(300);
    /** The size of the last batch of commands (loop thread only). */
    private int lastBatch;
    /** Commands submitted and not yet processed: queued, or in the batch in progress. */
    private final AtomicInteger pending = new AtomicInteger();
    private final Object idle = new Object();
    private final Object termChanged = new Object();
    /** How often the loop was told to stand down: an activation asked before the last stand-down does not serve. */
    private long standDowns;
    private final Thread thread = Thread.ofPlatform().name("tilework-process-engine").daemon().unstarted(this::run);
    private volatile boolean running = true;
    /** The leadership term this loop serves in; 0: a standby, which refuses commands. */
    private volatile long term;
    /** A commit failed: caches may differ from the store; recover before the next batch. Loop thread only. */
    private boolean stale;

    EngineLoop(ProcessStore store, BatchWriter writer, long term, CommandInterpreter interpreter, LiveInstances instances, Timers timers, Dispatcher dispatcher,
               List<Consumer<LogRecord>> subscribers, int maxBatch, int snapshotEvery) {
        this.store = store;
        this.writer = writer;
        this.term = term;
        this.interpreter = interpreter;
        this.instances = instances;
        this.timers = timers;
        this.dispatcher = dispatcher;
        this.subscribers = subscribers;
        this.maxBatch = maxBatch;
        this.snapshotEvery = snapshotEvery;
    }

    void start() {
        thread.start();
    }

    /** Queues a command; its future completes after the batch that holds it is committed (or fails). */
    CompletableFuture<Outcome> submit(Command command) {
        if (!running) {
            command.result().completeExceptionally(new IllegalStateException("the process engine is closed"));
            return command.result();
        }
        pending.incrementAndGet();
        queue.add(command);
        // Closed meanwhile: whichever of close and this takes the command back out fails it.
        if (!running && queue.remove(command)) {
            refuseUnprocessed(command);
        }
        return command.result();
    }

    long term() {
        return term;
    }

    /** Stops serving at once (any thread): later batches are refused; one being committed is fenced by the writer. */
    void standDown() {
        synchronized (termChanged) {
            standDowns++;
            setTerm(0);
        }
    }

    private void setTerm(long newTerm) {
        synchronized (termChanged) {
            term = newTerm;
            termChanged.notifyAll();
        }
    }

    /** Waits until the loop serves (has a term) or, with {@code serving} false, stands by; false if {@code timeout} passed first. */
    boolean awaitServing(boolean serving, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (termChanged) {
            while ((term != 0) != serving) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                termChanged.wait(left);
            }
            return true;
        }
    }

    /**
     * Runs {@code action} on the loop's thread between batches; then, if {@code newTerm} is not 0,
     * serves in that term. The future completes when it has run.
     */
    CompletableFuture<Outcome> control(Runnable action, long newTerm) {
        long standDownsBefore;
        synchronized (termChanged) {
            standDownsBefore = standDowns;
        }
        return submit(new Command.Control(() -> {
            action.run();
            stale = false;
            synchronized (termChanged) {
                // Stood down since it was asked (leadership lost, or given up because this took too long): it stays down.
                if (newTerm != 0 && standDowns == standDownsBefore) {
                    setTerm(newTerm);
                }
            }
        }, new CompletableFuture<>()));
    }

    /** Waits until no command is queued or in progress and no delivery is in flight; false if {@code timeout} passed first. */
    boolean awaitQuiescence(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            // A delivery submits its answer before it counts as done, and a batch hands out its deliveries
            // before its commands count as processed: both counts at zero means nothing is left to do now.
            if (pending.get() == 0 && dispatcher.inFlight() == 0) {
                return true;
            }
            synchronized (idle) {
                idle.wait(5);
            }
        }
        return false;
    }

    /** Stops the loop after the batch in progress; whoever waits on a command still queued learns it was not processed. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fails the commands still queued (after {@link #close}); the store has none of them. */
    void refuseQueued() {
        var unprocessed = new ArrayList<Command>();
        queue.drainTo(unprocessed);
        unprocessed.forEach(EngineLoop::refuseUnprocessed);
    }

    private static void refuseUnprocessed(Command command) {
        command.result().completeExceptionally(new IllegalStateException("the process engine closed before processing this command"));
    }

    static StoreUnavailable notActive() {
        return new StoreUnavailable("this process engine is not the active one on its database (leadership is being taken over, "
                + "or the database is unreachable); nothing was applied: retry the command", new StandingBy());
    }

    /** Marks a command refused by a standby's loop (before anything of it was interpreted): safe to forward. */
    static final class StandingBy extends RuntimeException {
        StandingBy() {
            super("refused by a standby engine", null, false, false);
        }
    }

    private void run() {
        var batch = new ArrayList<Command>(maxBatch);
        while (running) {
            try {
                Command first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    if (stale && term != 0) {
                        recover(); // the engine goes on by itself once the store is back, commands or not
                    }
                    continue;
                }
                batch.add(first);
                // A control command runs alone, between batches.
                if (!(first instanceof Command.Control)) {
                    collect(batch);
                    lastBatch = batch.size();
                }
                if (first instanceof Command.Control control) {
                    try {
                        control.action().run();
                        control.result().complete(null);
                    } catch (RuntimeException e) {
                        control.result().completeExceptionally(e);
                    }
                } else {
                    process(batch);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                LOG.error("the process engine's loop failed on a batch of {} commands: {} (--verbose for the stack trace)", batch.size(), e.toString());
                LOG.debug("the process engine's loop failed", e);
                batch.forEach(command -> command.result().completeExceptionally(e));
            } finally {
                pending.addAndGet(-batch.size());
                batch.clear();
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        }
    }

    /**
     * Adds to {@code batch} the commands queued behind its first, up to {@link #maxBatch} and not past
     * a control command. While it holds fewer than the last batch did, it waits a little for more
     * (at most {@link #LINGER_NANOS} after the first): the clients of the last batch, answered
     * together, send their next commands within microseconds of each other, and one commit for all of
     * them costs one round trip and one flush of the log instead of several.
     */
    private void collect(List<Command> batch) {
        long deadline = System.nanoTime() + LINGER_NANOS;
        while (batch.size() < maxBatch) {
            Command next = queue.poll();
            if (next == null) {
                long left = deadline - System.nanoTime();
                if (batch.size() >= lastBatch || left <= 0) {
                    return;
                }
                try {
                    next = queue.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // closing: this batch is processed, then the loop ends
                    return;
                }
                if (next == null) {
                    return;
                }
            }
            if (next instanceof Command.Control) {
                queue.addFirst(next); // it runs alone, after this batch
                return;
            }
            batch.add(next);
        }
    }

    /** One batch: interpret every command on working copies, commit all, then let the effects out. */
    private void process(List<Command> batch) {
        long batchTerm = term;
        if (batchTerm == 0) {
            batch.forEach(command -> command.result().completeExceptionally(notActive()));
            return;
        }
        RuntimeException unreachable = stale ? recover() : null;
        if (unreachable != null) {
            StoreUnavailable down = new StoreUnavailable("the process store cannot be read after a failed commit (" + unreachable.getMessage()
                    + "); nothing was applied: retry the command", unreachable);
            batch.forEach(command -> command.result().completeExceptionally(down));
            return;
        }
        Batch work = new Batch(instances, timers, snapshotEvery);
        for (Command command : batch) {
            int commitsBefore = work.commits.size();
            try {
                interpreter.handle(command, work);
            } catch (ProcessFailure e) { // the user's: a model, an instance or an event that is not right
                work.reject(command, e.getMessage());
            } catch (RuntimeException e) {
                // A defect in Tilework, not the user's input: this command fails with it (nothing of it is
                // committed, nothing recorded as rejected), the rest of the batch goes on.
                work.commits.subList(commitsBefore, work.commits.size()).clear();
                work.outcomes.remove(command);
                work.defects.put(command, e);
                LOG.error("processing {} failed: {} (a defect; --verbose for the stack trace)", command.getClass().getSimpleName(), e.toString());
                LOG.debug("processing {} failed", command, e);
            }
        }
        try {
            writer.write(batchTerm, work.commits, forwardedOutcomes(work));
        } catch (RuntimeException e) {
            LOG.error("committing a batch of {} commands failed: {}", batch.size(), e.toString());
            LOG.debug("committing a batch failed", e);
            // Rolled back, or written after all if the connection broke during the commit: only the store knows.
            // Its truth is read again before the next batch (timers that fired into this one are taken up again then).
            stale = true;
            batch.forEach(command -> command.result().completeExceptionally(e));
            return;
        }
        instances.committed(work);
        // Deposed during the commit (which the writer let through: nobody had led since): the next leader takes these up.
        boolean serving = term == batchTerm;
        for (Commit commit : work.commits) {
            if (serving) {
                letOut(commit);
            }
            if (commit.log() == null) {
                continue;
            }
            for (Consumer<LogRecord> subscriber : subscribers) {
                try {
                    subscriber.accept(commit.log());
                } catch (RuntimeException e) {
                    LOG.warn("a subscriber failed on a log record of {}: {}", commit.log().instance(), e.toString());
                    LOG.debug("a subscriber failed", e);
                }
            }
        }
        work.outcomes.forEach((command, outcome) -> command.result().complete(outcome));
        work.defects.forEach((command, defect) -> command.result().completeExceptionally(defect));
    }

    /** A committed transaction's timers and outbox entries, handed to the timers and the dispatcher. */
    private void letOut(Commit commit) {
        commit.firedTimers().forEach(timers::fired);
        if (commit.log() == null) {
            return;
        }
        for (Effect effect : commit.log().effects()) {
            switch (effect) {
                case Effect.Sent sent -> dispatcher.deliver(new OutboxEntry(sent.key(), commit.log().instance(), sent.operation(),
                        sent.actor(), sent.to(), sent.object(), sent.payload()));
                case Effect.Scheduled timer -> timers.schedule(new TimerEntry(timer.key(), commit.log().instance(), timer.event(),
                        timer.object(), timer.due()));
                case Effect.Unscheduled timer -> timers.cancel(timer.key());
                default -> {
                }
            }
        }
    }

    /** The outcomes of the batch's forwarded commands, written with it. */
    private static List<ForwardedOutcome> forwardedOutcomes(Batch work) {
        var answers = new ArrayList<ForwardedOutcome>();
        work.outcomes.forEach((command, outcome) -> {
            if (command.result() instanceof ForwardedResult forwarded) {
                answers.add(new ForwardedOutcome(forwarded.id, outcome, null));
            }
        });
        work.defects.forEach((command, defect) -> {
            if (command.result() instanceof ForwardedResult forwarded) {
                answers.add(new ForwardedOutcome(forwarded.id, null, defect.toString()));
            }
        });
        return answers;
    }

    /**
     * Takes up the store's truth after a failed commit: forgets the cached instances, arms the
     * stored timers and delivers the undelivered outbox again (a delivery in flight is not doubled).
     * Returns why it could not, still stale, while the store cannot be read; null once recovered.
     */
    private RuntimeException recover() {
        try {
            reload();
            stale = false;
            LOG.info("the process store answers again; the engine goes on from what it holds");
            return null;
        } catch (RuntimeException e) {
            LOG.debug("the process store is still unreachable: {}", e.toString());
            return e;
        }
    }

    /** What a new engine does on open, on this one: caches forgotten, timers and outbox from the store. Loop thread only. */
    void reload() {
        var stored = store.timers();
        var undelivered = store.pendingOutbox();
        instances.forgetAll();
        timers.clear();
        stored.forEach(timers::schedule);
        undelivered.forEach(dispatcher::deliver);
    }
}
