package io.tilework.process.engine;

import io.tilework.process.runtime.AsyncTrigger;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.spec.Specifications;
import io.tilework.process.store.InboxEntry;
import io.tilework.process.store.InstanceSummary;
import io.tilework.process.store.LogRecord;
import io.tilework.process.store.OutboxEntry;
import io.tilework.process.store.ProcessStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A process engine on a store: the API that starts instances, sends them events and answers
 * deliveries, and the wiring of the parts that do the work, each in its own class:
 * {@link EngineLoop} (the queue and the one thread that interprets and commits a batch at a time),
 * {@link CommandInterpreter} (one command as one transaction), {@link LiveInstances} and
 * {@link Definitions} (what instances are and run), {@link Timers} and {@link Dispatcher} (what
 * leaves after a commit). Only after a commit does anything leave: futures complete, outbox
 * entries go to their handlers, timers are set, asynchronous subscribers run. A killed engine
 * therefore loses at most the batch in progress, none of which anybody was told about; a new
 * engine on the same store recovers every instance from its snapshot and log and delivers again
 * what was not acknowledged.
 */
public final class ProcessEngine implements AutoCloseable {

    private final ProcessStore store;
    private final Definitions definitions;
    private final List<Consumer<LogRecord>> subscribers = new CopyOnWriteArrayList<>();
    private final Dispatcher dispatcher;
    private final Timers timers;
    private final EngineLoop loop;
    /** What time it is for transactions and timers: the system's, or one a test moves. */
    private final InstantSource clock;

    private ProcessEngine(Builder builder) {
        this.store = builder.store;
        this.definitions = new Definitions(store, builder.specifications);
        this.clock = builder.clock;
        var handlers = new HashMap<>(builder.handlers);
        // Asynchronous triggers wait in the outbox like any external operation, and come back as commands.
        handlers.put(AsyncTrigger.ACTOR, (entry, engine) -> submit(new Command.Async(entry.instance(),
                AsyncTrigger.from(entry.payload(), entry.object()), entry.key(), new CompletableFuture<>())));
        this.dispatcher = new Dispatcher(handlers, builder.handlersByKind, this::actorKind, new Context());
        this.timers = new Timers(clock, timer -> submit(new Command.TimerFired(timer, new CompletableFuture<>())));
        var instances = new LiveInstances(store, definitions);
        BatchWriter writer = builder.writer != null ? builder.writer : (term, commits, forwarded) -> store.commit(commits);
        this.loop = new EngineLoop(store, writer, builder.standby ? 0 : 1, new CommandInterpreter(store, definitions, instances, clock), instances, timers, dispatcher,
                subscribers, builder.maxBatch, builder.snapshotEvery);
        if (builder.standby) {
            dispatcher.pause();
        }
        loop.start();
        if (builder.recover && !builder.standby) {
            // Recovery: what was scheduled or sent before a crash goes out again.
            store.timers().forEach(timers::schedule);
            store.pendingOutbox().forEach(dispatcher::deliver);
        }
    }

    public static Builder builder(ProcessStore store) {
        return new Builder(store);
    }

    public ProcessStore store() {
        return store;
    }

    public Specifications specifications() {
        return definitions.specifications();
    }

    /** Starts an instance of the newest deployed version of {@code model}. */
    public CompletableFuture<Outcome> start(String model, Map<String, Object> variables) {
        return submit(new Command.Start(model, Map.copyOf(variables), null, null, null, new CompletableFuture<>()));
    }

    /** Sends an external event from an actor to {@code object} of {@code instance}. */
    public CompletableFuture<Outcome> send(String instance, String event, String object, Map<String, Object> payload) {
        return submit(new Command.Event(instance, event, object, payload, null, new CompletableFuture<>()));
    }

    /**
     * A start another engine forwarded (its row {@code id}): processed as {@link #start}, its outcome
     * written in the same transaction as its effects.
     */
    public CompletableFuture<Outcome> startForwarded(long id, String model, Map<String, Object> variables) {
        definitions.deployed(); // the model or specification may have been deployed by the engine that forwarded it
        return submit(new Command.Start(model, Map.copyOf(variables), null, null, null, new ForwardedResult(id)));
    }

    /** An event another engine forwarded (its row {@code id}), as {@link #send}. */
    public CompletableFuture<Outcome> sendForwarded(long id, String instance, String event, String object, Map<String, Object> payload) {
        return submit(new Command.Event(instance, event, object, payload, null, new ForwardedResult(id)));
    }

    /** Whether {@code failure} is a command refused because this engine stood by: nothing of it was applied, so it may be sent elsewhere. */
    public static boolean refusedAsStandby(Throwable failure) {
        return failure != null && failure.getCause() instanceof EngineLoop.StandingBy;
    }

    /** Whether this engine serves: interprets commands, fires timers and delivers the outbox. */
    public boolean active() {
        return loop.term() != 0;
    }

    /** The leadership term this engine serves in: 0 for a standby, 1 for an engine alone on its store. */
    public long term() {
        return loop.term();
    }

    /** Waits until this engine serves (it leads); false if {@code timeout} passed first. */
    public boolean awaitActive(Duration timeout) throws InterruptedException {
        return loop.awaitServing(true, timeout);
    }

    /** Waits until this engine stands by (it lost or gave up leadership); false if {@code timeout} passed first. */
    public boolean awaitStandby(Duration timeout) throws InterruptedException {
        return loop.awaitServing(false, timeout);
    }

    /**
     * Becomes the active engine in leadership {@code term}: what it cached is forgotten, the store's
     * timers are armed and its undelivered outbox delivered (as a new engine does on open), then it
     * serves. Completes when it serves; fails if the store could not be read (it stays a standby).
     */
    public CompletableFuture<Outcome> activate(long term) {
        if (term <= 0) {
            throw new IllegalArgumentException("a leadership term is positive, not " + term);
        }
        return loop.control(() -> {
            definitions.refresh();
            dispatcher.resume();
            try {
                loop.reload();
            } catch (RuntimeException e) {
                dispatcher.pause();
                throw e;
            }
        }, term);
    }

    /**
     * Stops serving at once (leadership lost): later commands are refused as not applied, timers
     * are disarmed and nothing more is delivered; a batch being committed is fenced by the writer.
     */
    public void standDown() {
        loop.standDown();
        dispatcher.pause();
        timers.clear();
    }

    /** Receives every committed log record, after its commit (an asynchronous subscription). */
    public void subscribe(Consumer<LogRecord> subscriber) {
        subscribers.add(subscriber);
    }

    /** The committed state of an instance (rebuilt from the store), or null if there is none. */
    public InstanceState state(String instance) {
        return History.load(store, instance);
    }

    /** What an instance runs: its model and specification in the versions it started with. */
    public Definition definition(InstanceSummary instance) {
        return definitions.definition(instance.model(), instance.modelVersion(), instance.specVersion());
    }

    /** After a deploy: new instances run the newest versions. */
    public void deployed() {
        definitions.deployed();
    }

    /**
     * Reads again what is deployed in the store: on a database shared with other engines, they
     * may have deployed specifications and models this one has not seen.
     */
    public void refreshDeployed() {
        definitions.refresh();
    }

    /**
     * Waits until nothing is left to do now: no command queued or in progress, no delivery in
     * flight. Timers set for later do not count. False if {@code timeout} passed first.
     */
    public boolean awaitQuiescence(Duration timeout) throws InterruptedException {
        return loop.awaitQuiescence(timeout);
    }

    /**
     * Tells the timers that the engine's clock moved: every timer it has reached fires now, its
     * command queued before this returns. Only for a clock other than the system's (tests move
     * theirs); with the system clock timers fire by themselves.
     */
    public void clockMoved() {
        timers.clockMoved();
    }

    /** Timers scheduled and not yet fired. */
    public int pendingTimers() {
        return timers.pending();
    }

    @Override
    public void close() {
        loop.close();
        dispatcher.close();
        timers.close();
        loop.refuseQueued();
    }

    private CompletableFuture<Outcome> submit(Command command) {
        return loop.submit(command);
    }

    private String actorKind(OutboxEntry entry) {
        InstanceSummary summary = store.instance(entry.instance()).orElse(null);
        if (summary == null) {
            return null;
        }
        var actor = definition(summary).spec().actors().get(entry.actor());
        return actor == null ? null : actor.kind();
    }

    /** The engine as delivery handlers see it. */
    private final class Context implements EngineContext {

        @Override
        public CompletableFuture<Outcome> event(String instance, String event, String object, Map<String, Object> payload, String acknowledges) {
            return submit(new Command.Event(instance, event, object, payload, acknowledges, new CompletableFuture<>()));
        }

        @Override
        public CompletableFuture<Outcome> startChild(String model, Map<String, Object> variables, String parent, String parentObject, String key) {
            return submit(new Command.Start(model, variables, parent, parentObject, key, new CompletableFuture<>()));
        }

        @Override
        public CompletableFuture<Outcome> acknowledge(String key, InboxEntry inbox) {
            return submit(new Command.Acknowledge(key, inbox, new CompletableFuture<>()));
        }

        @Override
        public InstanceState state(String instance) {
            return ProcessEngine.this.state(instance);
        }

        @Override
        public List<InstanceState> children(String parent, String object) {
            return store.children(parent).stream().map(child -> state(child.id()))
                    .filter(state -> state != null && object.equals(state.parentObject())).toList();
        }

        @Override
        public List<OutboxEntry> undelivered(String instance, String object) {
            return store.pendingOutbox(instance).stream().filter(entry -> object.equals(entry.object())).toList();
        }
    }

    /** Configures an engine: its store, specifications, delivery handlers, batching. */
    public static final class Builder {

        private final ProcessStore store;
        private Specifications specifications = Specifications.packs();
        private final Map<String, DeliveryHandler> handlers = new HashMap<>();
        private final Map<String, DeliveryHandler> handlersByKind = new HashMap<>();
        private int maxBatch = 512;
        private int snapshotEvery = 32;
        private boolean recover = true;
        private InstantSource clock = InstantSource.system();
        private BatchWriter writer;
        private boolean standby;

        private Builder(ProcessStore store) {
            this.store = store;
        }

        public Builder specifications(Specifications specifications) {
            this.specifications = specifications;
            return this;
        }

        /** Delivers the outbox entries addressed to {@code actor}. */
        public Builder handler(String actor, DeliveryHandler handler) {
            handlers.put(actor, handler);
            return this;
        }

        /** Delivers the outbox entries of every actor of {@code kind} (person, role, application, engine) with no handler of its own. */
        public Builder handlerForKind(String kind, DeliveryHandler handler) {
            handlersByKind.put(kind, handler);
            return this;
        }

        /** The most commands committed together (default 512). */
        public Builder maxBatch(int commands) {
            if (commands < 1) {
                throw new IllegalArgumentException("maxBatch must be at least 1, not " + commands);
            }
            this.maxBatch = commands;
            return this;
        }

        /** A snapshot every this many transactions of an instance (default 32), besides its first and last. */
        public Builder snapshotEvery(int transactions) {
            if (transactions < 1) {
                throw new IllegalArgumentException("snapshotEvery must be at least 1, not " + transactions);
            }
            this.snapshotEvery = transactions;
            return this;
        }

        /**
         * Whether to take up the store's timers and undelivered outbox entries on start (default
         * yes). No: for a look at the store that must not run anything.
         */
        public Builder recover(boolean recover) {
            this.recover = recover;
            return this;
        }

        /**
         * The time transactions are stamped with and timers fall due by (default the system's). A
         * test gives one it moves itself, and calls {@link ProcessEngine#clockMoved()} after each move.
         */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How batches are written (default: the store's commit). An engine that shares its database
         * gives one that fences deposed leaders and records forwarded commands' outcomes.
         */
        public Builder writer(BatchWriter writer) {
            this.writer = Objects.requireNonNull(writer, "writer");
            return this;
        }

        /** Starts as a standby: refuses commands, fires no timer, delivers nothing until {@link ProcessEngine#activate}. */
        public Builder standby() {
            this.standby = true;
            return this;
        }

        /** Starts the engine: recovers timers and undelivered outbox entries from the store, then runs. */
        public ProcessEngine start() {
            return new ProcessEngine(this);
        }
    }
}
