package io.tilework.process.engine;

import io.tilework.process.meta.Model;
import io.tilework.process.runtime.AsyncTrigger;
import io.tilework.process.runtime.Effect;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.Interpreter;
import io.tilework.process.runtime.PendingEvent;
import io.tilework.process.runtime.ProcessingException;
import io.tilework.process.runtime.Transaction;
import io.tilework.process.runtime.Values;
import io.tilework.process.spec.BehaviourSpec;
import io.tilework.process.spec.ModelReader;
import io.tilework.process.spec.SpecReader;
import io.tilework.process.spec.Specifications;
import io.tilework.process.store.Commit;
import io.tilework.process.store.InboxEntry;
import io.tilework.process.store.InstanceSummary;
import io.tilework.process.store.LogRecord;
import io.tilework.process.store.OutboxEntry;
import io.tilework.process.store.ProcessStore;
import io.tilework.process.store.StoredModel;
import io.tilework.process.store.TimerEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The act/react loop. Commands (starts, external events, fired timers, acknowledged deliveries)
 * queue up; one thread takes them a batch at a time, interprets each as one transaction on the
 * instance's state, and commits the whole batch to the store at once (group commit). Only after
 * the commit does anything leave: futures complete, outbox entries go to their handlers, timers
 * are set, asynchronous subscribers run. A killed engine therefore loses at most the batch in
 * progress, none of which anybody was told about; a new engine on the same store recovers every
 * instance from its snapshot and log and delivers again what was not acknowledged.
 *
 * <p>Threads. The loop thread ({@code tilework-process-engine}) owns the instances' working state
 * ({@code live}, {@code pins}) and is the only one that interprets and commits. Every other thread
 * (callers, job workers, the timer thread, delivery workers) only queues commands and waits on
 * their futures. The store serialises its own access; the definition caches are concurrent maps.
 */
public final class ProcessEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessEngine.class);
    private static final long COMMIT_RETRY_MS = 1_000;

    private final ProcessStore store;
    private final Specifications specifications;
    /** The specifications this engine was given, as given: what instances of never-deployed ones run. */
    private final Map<String, BehaviourSpec> given;
    private final int maxBatch;
    private final int snapshotEvery;
    /** What time it is for transactions and timers: the system's, or one a test moves. */
    private final InstantSource clock;
    /** Commands from any thread (callers, job workers, timers, deliveries) to the loop thread: the only way in. */
    private final LinkedBlockingQueue<Command> queue = new LinkedBlockingQueue<>();
    /** By model, model version and specification version. */
    private final Map<String, Definition> definitions = new ConcurrentHashMap<>();
    /** Deployed specifications by name and version, as read from the store. */
    private final Map<String, BehaviourSpec> deployedSpecs = new ConcurrentHashMap<>();
    /** The newest deployed version of each specification, which new instances run. */
    private final Map<String, Integer> newestSpecVersions = new ConcurrentHashMap<>();
    /** Owned by the loop thread (read and written only in {@link #run}'s batches): no lock. */
    private final Map<String, InstanceState> live = new HashMap<>();
    /** What live instances run, by instance id. Owned by the loop thread, like {@code live}. */
    private final Map<String, Pin> pins = new HashMap<>();
    private final List<Consumer<LogRecord>> subscribers = new CopyOnWriteArrayList<>();
    private final Dispatcher dispatcher;
    private final Timers timers;
    private final Thread loop;
    private final Object idle = new Object();
    /** Commands submitted and not yet processed: queued, or in the batch in progress. */
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean running = true;

    private ProcessEngine(Builder builder) {
        this.store = builder.store;
        this.specifications = builder.specifications;
        this.given = specifications.all();
        this.maxBatch = builder.maxBatch;
        this.snapshotEvery = builder.snapshotEvery;
        this.clock = builder.clock;
        store.specs().forEach((name, sources) -> {
            if (specifications.get(name) == null || !specifications.get(name).source().equals(sources)) {
                // Only the last text is the deployed specification; the others are what it extends, already known.
                String deployed = sources.getLast();
                specifications.add(SpecReader.fileName(deployed), deployed);
            }
        });
        var handlers = new HashMap<>(builder.handlers);
        // Asynchronous triggers wait in the outbox like any external operation, and come back as commands.
        handlers.put(AsyncTrigger.ACTOR, (entry, engine) -> submit(new Command.Async(entry.instance(),
                AsyncTrigger.from(entry.payload(), entry.object()), entry.key(), new CompletableFuture<>())));
        this.dispatcher = new Dispatcher(handlers, builder.handlersByKind, this::actorKind, new Context());
        this.timers = new Timers(clock, timer -> submit(new Command.TimerFired(timer, new CompletableFuture<>())));
        this.loop = Thread.ofPlatform().name("tilework-process-engine").daemon().unstarted(this::run);
        loop.start();
        if (builder.recover) {
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
        return specifications;
    }

    /** Starts an instance of the newest deployed version of {@code model}. */
    public CompletableFuture<Outcome> start(String model, Map<String, Object> variables) {
        return submit(new Command.Start(model, Map.copyOf(variables), null, null, null, new CompletableFuture<>()));
    }

    /** Sends an external event from an actor to {@code object} of {@code instance}. */
    public CompletableFuture<Outcome> send(String instance, String event, String object, Map<String, Object> payload) {
        return submit(new Command.Event(instance, event, object, payload, null, new CompletableFuture<>()));
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
        return definition(instance.model(), instance.modelVersion(), instance.specVersion());
    }

    private Definition definition(String name, int modelVersion, int specVersion) {
        return definitions.computeIfAbsent(name + "@" + modelVersion + "/" + specVersion, k -> {
            StoredModel stored = store.model(name, modelVersion)
                    .orElseThrow(() -> new IllegalArgumentException("no model '" + name + "'" + (modelVersion > 0 ? " version " + modelVersion : "")
                            + " is deployed; deployed models: " + store.models().stream().map(StoredModel::name).toList()));
            BehaviourSpec spec = spec(stored.conformsTo(), specVersion);
            Model model = ModelReader.readDeployed(stored.name() + ".yaml", stored.source(),
                    n -> n.equals(spec.name()) ? spec : specifications.get(n));
            return new Definition(model, new Interpreter(spec));
        });
    }

    /** Version {@code version} of a deployed specification; 0: the one this engine was given (never deployed). */
    private BehaviourSpec spec(String name, int version) {
        if (version == 0) {
            BehaviourSpec spec = given.getOrDefault(name, specifications.get(name));
            if (spec == null) {
                throw new IllegalArgumentException("no specification '" + name + "' is deployed; known: " + specifications.all().keySet());
            }
            return spec;
        }
        return deployedSpecs.computeIfAbsent(name + "@" + version, k -> {
            List<String> sources = store.spec(name, version).orElseThrow(() -> new IllegalStateException(
                    "the process store has no version " + version + " of specification '" + name + "', which an instance runs"));
            // The texts it extends come with it, as they were when it was deployed.
            Specifications own = new Specifications();
            BehaviourSpec spec = null;
            for (String text : sources) {
                spec = own.add(SpecReader.fileName(text), text);
            }
            return spec;
        });
    }

    /** After a deploy: new instances run the newest versions. */
    public void deployed() {
        newestSpecVersions.clear();
    }

    /**
     * Waits until nothing is left to do now: no command queued or in progress, no delivery in
     * flight. Timers set for later do not count. False if {@code timeout} passed first.
     */
    public boolean awaitQuiescence(Duration timeout) throws InterruptedException {
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
        running = false;
        loop.interrupt();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.close();
        timers.close();
        // Whoever waits on a command that will not be processed now learns so; the store has none of it.
        var unprocessed = new ArrayList<Command>();
        queue.drainTo(unprocessed);
        unprocessed.forEach(ProcessEngine::refuseUnprocessed);
    }

    private static void refuseUnprocessed(Command command) {
        command.result().completeExceptionally(new IllegalStateException("the process engine closed before processing this command"));
    }

    private CompletableFuture<Outcome> submit(Command command) {
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
                LOG.error("the process engine's loop failed on a batch of {} commands", batch.size(), e);
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
        Batch work = new Batch();
        for (Command command : batch) {
            try {
                handle(command, work);
            } catch (IllegalArgumentException e) {
                work.reject(command, e.getMessage());
            }
        }
        try {
            store.commit(work.commits);
        } catch (RuntimeException e) {
            LOG.error("committing a batch of {} commands failed; none of them took effect", batch.size(), e);
            batch.forEach(command -> {
                // A timer that fired into the failed batch fires again, later: it is still due and still stored.
                if (command instanceof Command.TimerFired fired) {
                    timers.fireAgain(fired.timer(), COMMIT_RETRY_MS);
                }
                command.result().completeExceptionally(e);
            });
            return;
        }
        for (var entry : work.states.entrySet()) {
            if (isFinal(entry.getValue(), work)) {
                live.remove(entry.getKey());
                pins.remove(entry.getKey());
            } else {
                live.put(entry.getKey(), entry.getValue());
                pins.put(entry.getKey(), pinOf(entry.getKey(), work));
            }
        }
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
                    LOG.warn("a subscriber failed on a log record of {}", commit.log().instance(), e);
                }
            }
        }
        work.outcomes.forEach((command, outcome) -> command.result().complete(outcome));
    }

    private void handle(Command command, Batch work) {
        long now = clock.millis();
        switch (command) {
            case Command.Start start -> {
                StoredModel stored = store.model(start.model(), 0)
                        .orElseThrow(() -> new IllegalArgumentException("no model '" + start.model() + "' is deployed; deployed models: "
                                + store.models().stream().map(StoredModel::name).toList() + " (tilework process deploy MODEL.yaml)"));
                int specVersion = newestSpecVersions.computeIfAbsent(stored.conformsTo(), store::specVersion);
                Definition definition = definition(stored.name(), stored.version(), specVersion);
                Model model = definition.model();
                String id = start.key() == null ? model.name() + "-" + store.nextInstanceNumber() : model.name() + "-" + digest(start.key());
                if (start.key() != null && (work.states.containsKey(id) || store.instance(id).isPresent())) {
                    work.acknowledge(start.key(), null);
                    work.outcomes.put(command, new Outcome(id, Outcome.Status.IGNORED, "already started", null));
                    return;
                }
                Transaction transaction = definition.interpreter().start(model, id, start.parent(), start.parentObject(), start.variables(), now);
                work.pins.put(id, new Pin(stored.version(), specVersion));
                work.add(command, transaction, new PendingEvent(Interpreter.START, transaction.state().root().id(), Map.of()),
                        start.key(), List.of(), true, now);
            }
            case Command.Event event -> {
                InstanceState state = current(event.instance(), work);
                if (state == null) {
                    work.acknowledge(event.acknowledges(), null);
                    throw new IllegalArgumentException("no instance '" + event.instance() + "'");
                }
                Definition definition = definitionOf(state, work);
                PendingEvent pending;
                try {
                    pending = new PendingEvent(event.event(), event.object(), Values.plainMap(event.payload()));
                } catch (IllegalArgumentException e) {
                    work.rejectEvent(command, state, new PendingEvent(event.event(), event.object(), Map.of()), event.acknowledges(),
                            "its payload cannot be kept: " + e.getMessage(), now);
                    return;
                }
                try {
                    Transaction transaction = definition.interpreter().process(definition.model(), state, pending, false, now);
                    work.add(command, transaction, pending, event.acknowledges(), List.of(), false, now);
                } catch (ProcessingException e) {
                    work.rejectEvent(command, state, pending, event.acknowledges(), e.getMessage(), now);
                }
            }
            case Command.TimerFired fired -> {
                TimerEntry timer = fired.timer();
                if (!work.isCurrent(timer)) {
                    work.outcomes.put(command, new Outcome(null, Outcome.Status.IGNORED, "timer " + timer.key() + " was cancelled or moved", null));
                    return;
                }
                work.timerDue.put(timer.key(), Batch.NOT_SCHEDULED);
                InstanceState state = current(timer.instance(), work);
                if (state == null) {
                    work.commits.add(new Commit(null, null, null, List.of(), List.of(), List.of(timer)));
                    work.outcomes.put(command, new Outcome(timer.instance(), Outcome.Status.IGNORED, "no such instance", null));
                    return;
                }
                Definition definition = definitionOf(state, work);
                PendingEvent pending = new PendingEvent(timer.event(), timer.object(), Map.of());
                try {
                    Transaction transaction = definition.interpreter().process(definition.model(), state, pending, true, now);
                    work.add(command, transaction, pending, null, List.of(timer), false, now);
                } catch (ProcessingException e) {
                    work.commits.add(new Commit(null, null, null, List.of(), List.of(), List.of(timer)));
                    work.rejectEvent(command, state, pending, null, e.getMessage(), now);
                }
            }
            case Command.Acknowledge acknowledge -> {
                work.acknowledge(acknowledge.key(), acknowledge.inbox());
                work.outcomes.put(command, new Outcome(null, Outcome.Status.APPLIED, null, null));
            }
            case Command.Async async -> {
                InstanceState state = current(async.instance(), work);
                if (state == null) {
                    work.acknowledge(async.acknowledges(), null);
                    work.outcomes.put(command, new Outcome(async.instance(), Outcome.Status.IGNORED, "no such instance", null));
                    return;
                }
                Definition definition = definitionOf(state, work);
                PendingEvent event = async.trigger().event();
                try {
                    Transaction transaction = definition.interpreter().processAsync(definition.model(), state, async.trigger(), now);
                    work.add(command, transaction, event, async.acknowledges(), List.of(), false, now);
                } catch (ProcessingException e) {
                    work.rejectEvent(command, state, event, async.acknowledges(), e.getMessage(), now);
                }
            }
        }
    }

    private String actorKind(OutboxEntry entry) {
        InstanceSummary summary = store.instance(entry.instance()).orElse(null);
        if (summary == null) {
            return null;
        }
        var actor = definition(summary).spec().actors().get(entry.actor());
        return actor == null ? null : actor.kind();
    }

    private InstanceState current(String id, Batch work) {
        InstanceState state = work.states.get(id);
        if (state == null) {
            state = live.get(id);
        }
        if (state == null) {
            state = History.load(store, id);
            if (state != null && !isFinal(state, work)) {
                live.put(id, state);
            }
        }
        return state;
    }

    /** The model and specification versions an instance runs. */
    private record Pin(int modelVersion, int specVersion) {
    }

    private Pin pinOf(String instance, Batch work) {
        Pin pin = work.pins.get(instance);
        if (pin == null) {
            pin = pins.get(instance);
        }
        if (pin == null) {
            pin = store.instance(instance).map(s -> new Pin(s.modelVersion(), s.specVersion())).orElse(new Pin(0, 0));
            // Kept only for instances that go on; a late event for an ended one must not leave an entry behind.
            if (live.containsKey(instance)) {
                pins.put(instance, pin);
            }
        }
        return pin;
    }

    private Definition definitionOf(InstanceState state, Batch work) {
        Pin pin = pinOf(state.id(), work);
        return definition(state.model(), pin.modelVersion(), pin.specVersion());
    }

    private boolean isFinal(InstanceState state, Batch work) {
        return definitionOf(state, work).interpreter().hasEnded(state);
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The commits and outcomes of one batch, and the instance states as its transactions leave them. */
    private final class Batch {

        final List<Commit> commits = new ArrayList<>();
        final Map<String, InstanceState> states = new LinkedHashMap<>();
        /** What the instances this batch started run. */
        final Map<String, Pin> pins = new HashMap<>();
        /** By identity: a command's hash would walk its whole payload. */
        final Map<Command, Outcome> outcomes = new java.util.IdentityHashMap<>();
        /** Timers this batch scheduled, cancelled or fired, by key: their due time, or NOT_SCHEDULED. */
        final Map<String, Long> timerDue = new HashMap<>();
        static final long NOT_SCHEDULED = Long.MIN_VALUE;

        /**
         * Whether a fired timer is still wanted: as this batch left it if it touched the timer
         * (the committed timers learn of this batch's changes only after its commit), else as committed.
         */
        boolean isCurrent(TimerEntry timer) {
            Long due = timerDue.get(timer.key());
            return due == null ? timers.isCurrent(timer.key(), timer.due()) : due == timer.due();
        }

        void add(Command command, Transaction transaction, PendingEvent event, String acknowledges, List<TimerEntry> firedTimers,
                 boolean created, long now) {
            InstanceState state = transaction.state();
            List<String> delivered = acknowledges == null ? List.of() : List.of(acknowledges);
            if (!transaction.changed()) {
                commits.add(new Commit(null, null, null, delivered, List.of(), firedTimers));
                outcomes.put(command, new Outcome(state.id(), Outcome.Status.IGNORED, transaction.message(), state.state()));
                return;
            }
            states.put(state.id(), state);
            for (Effect effect : transaction.effects()) {
                switch (effect) {
                    case Effect.Scheduled timer -> timerDue.put(timer.key(), timer.due());
                    case Effect.Unscheduled timer -> timerDue.put(timer.key(), NOT_SCHEDULED);
                    default -> {
                    }
                }
            }
            Pin pin = pinOf(state.id(), this);
            Instant time = Instant.ofEpochMilli(now);
            var summary = new InstanceSummary(state.id(), state.model(), pin.modelVersion(), pin.specVersion(), state.parent(), state.state(),
                    state.created(), time);
            String status = transaction.status() == Transaction.Status.DEFERRED ? "deferred" : "applied";
            var record = new LogRecord(state.id(), state.transactions(), time, event.event(), event.object(), event.payload(), status,
                    transaction.message(), transaction.effects());
            boolean snapshot = created || state.transactions() % snapshotEvery == 0 || isFinal(state, this);
            commits.add(new Commit(summary, record, snapshot ? state.copy() : null, delivered, List.of(), firedTimers));
            outcomes.put(command, new Outcome(state.id(), transaction.status() == Transaction.Status.DEFERRED ? Outcome.Status.DEFERRED
                    : Outcome.Status.APPLIED, transaction.message(), state.state()));
        }

        void acknowledge(String key, InboxEntry inbox) {
            if (key != null) {
                commits.add(Commit.acknowledgement(List.of(key), inbox == null ? List.of() : List.of(inbox)));
            }
        }

        /** An event that did not fit: logged with why, its delivery acknowledged so it is not sent again. */
        void rejectEvent(Command command, InstanceState state, PendingEvent event, String acknowledges, String message, long now) {
            var record = new LogRecord(state.id(), state.transactions(), Instant.ofEpochMilli(now), event.event(), event.object(),
                    event.payload(), "rejected", message, List.of());
            commits.add(new Commit(null, record, null, acknowledges == null ? List.of() : List.of(acknowledges), List.of(), List.of()));
            outcomes.put(command, new Outcome(state.id(), Outcome.Status.REJECTED, message, state.state()));
        }

        void reject(Command command, String message) {
            outcomes.put(command, new Outcome(null, Outcome.Status.REJECTED, message, null));
        }
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
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Starts the engine: recovers timers and undelivered outbox entries from the store, then runs. */
        public ProcessEngine start() {
            return new ProcessEngine(this);
        }
    }
}
