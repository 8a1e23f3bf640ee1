package io.tilework.process.engine;

import io.tilework.process.failure.ProcessFailure;
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
import java.util.concurrent.LinkedBlockingQueue;
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
 */
final class EngineLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);
    private static final long COMMIT_RETRY_MS = 1_000;

    private final ProcessStore store;
    private final CommandInterpreter interpreter;
    private final LiveInstances instances;
    private final Timers timers;
    private final Dispatcher dispatcher;
    private final List<Consumer<LogRecord>> subscribers;
    private final int maxBatch;
    private final int snapshotEvery;
    private final LinkedBlockingQueue<Command> queue = new LinkedBlockingQueue<>();
    /** Commands submitted and not yet processed: queued, or in the batch in progress. */
    private final AtomicInteger pending = new AtomicInteger();
    private final Object idle = new Object();
    private final Thread thread = Thread.ofPlatform().name("tilework-process-engine").daemon().unstarted(this::run);
    private volatile boolean running = true;

    EngineLoop(ProcessStore store, CommandInterpreter interpreter, LiveInstances instances, Timers timers, Dispatcher dispatcher,
               List<Consumer<LogRecord>> subscribers, int maxBatch, int snapshotEvery) {
        this.store = store;
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

    private void run() {
        var batch = new ArrayList<Command>(maxBatch);
        while (running) {
            try {
                Command first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                process(batch);
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

    /** One batch: interpret every command on working copies, commit all, then let the effects out. */
    private void process(List<Command> batch) {
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
            store.commit(work.commits);
        } catch (RuntimeException e) {
            LOG.error("committing a batch of {} commands failed; none of them took effect: {}", batch.size(), e.toString());
            LOG.debug("committing a batch failed", e);
            batch.forEach(command -> {
                // A timer that fired into the failed batch fires again, later: it is still due and still stored.
                if (command instanceof Command.TimerFired fired) {
                    timers.fireAgain(fired.timer(), COMMIT_RETRY_MS);
                }
                command.result().completeExceptionally(e);
            });
            return;
        }
        instances.committed(work);
        for (Commit commit : work.commits) {
            commit.firedTimers().forEach(timers::fired);
            if (commit.log() == null) {
                continue;
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
}
