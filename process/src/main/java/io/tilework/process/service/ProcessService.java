package io.tilework.process.service;

import io.tilework.engine.Engine;
import io.tilework.engine.job.Jobs;
import io.tilework.process.delivery.InstanceStarter;
import io.tilework.process.delivery.JobParameterCheck;
import io.tilework.process.delivery.JobRunner;
import io.tilework.process.delivery.Notifier;
import io.tilework.process.delivery.WebhookCaller;
import io.tilework.process.engine.DeliveryHandler;
import io.tilework.process.engine.Outcome;
import io.tilework.process.engine.ProcessEngine;
import io.tilework.process.failure.MalformedYaml;
import io.tilework.process.failure.NotFound;
import io.tilework.process.failure.StoreUnavailable;
import io.tilework.process.meta.Model;
import io.tilework.process.meta.TypeDef;
import io.tilework.process.runtime.InstanceState;
import io.tilework.process.runtime.RuntimeObject;
import io.tilework.process.spec.BehaviourSpec;
import io.tilework.process.spec.ModelReader;
import io.tilework.process.spec.Problem;
import io.tilework.process.spec.SpecReader;
import io.tilework.process.store.InboxEntry;
import io.tilework.process.store.InstanceSummary;
import io.tilework.process.store.LogRecord;
import io.tilework.process.store.OutboxEntry;
import io.tilework.process.store.ProcessStore;
import io.tilework.process.store.PostgresLocation;
import io.tilework.process.store.PostgresProcessStore;
import io.tilework.process.store.SqliteProcessStore;
import io.tilework.process.store.StoreLocation;
import io.tilework.process.store.TimerEntry;
import io.tilework.process.yaml.YamlNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything a user does with processes, in the words of the command line: validate, deploy,
 * start, list, show, signal, choose, complete, cancel, suspend, resume, history, inbox. The CLI
 * (and later the HTTP API) only parses arguments and prints what this returns.
 */
public final class ProcessService implements AutoCloseable {

    /** How long a command waits for its transaction to commit. */
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(60);

    private final ProcessEngine engine;
    /** Several engines on one PostgreSQL database: leadership and forwarding; null for an engine alone on its store. */
    private final SharedDatabase shared;
    private final AutoCloseable[] owned;

    private ProcessService(ProcessEngine engine, SharedDatabase shared, AutoCloseable... owned) {
        this.engine = engine;
        this.shared = shared;
        this.owned = owned;
    }

    /**
     * The embedded default: the SQLite store in {@code storeFile}, the shipped packs and what was
     * deployed there, jobs from the class path run on a kernel engine with {@code jobThreads} threads.
     * Only one engine may run on a store at a time; a second one fails saying so.
     */
    public static ProcessService open(Path storeFile, int jobThreads) {
        return open(storeFile, jobThreads, InstantSource.system());
    }

    /**
     * As {@link #open(Path, int)}, on {@code clock}: tests give one they move, and call
     * {@link ProcessEngine#clockMoved()} after each move.
     */
    public static ProcessService open(Path storeFile, int jobThreads, InstantSource clock) {
        return open(storeFile, jobThreads, clock, Engine::builder, JobParameterCheck.NONE);
    }

    /**
     * As {@link #open(Path, int)}, with the jobs' kernel engine built from {@code kernel}, made when the
     * first job needs it: a cluster's pool there runs the jobs' chunks on its workers.
     */
    public static ProcessService open(Path storeFile, int jobThreads, Supplier<Engine.Builder> kernel) {
        return open(storeFile, jobThreads, InstantSource.system(), kernel, JobParameterCheck.NONE);
    }

    /** As {@link #open(Path, int, Supplier)}, the parameters of every job going through {@code check} before it runs. */
    public static ProcessService open(Path storeFile, int jobThreads, Supplier<Engine.Builder> kernel, JobParameterCheck check) {
        return open(storeFile, jobThreads, InstantSource.system(), kernel, check);
    }

    private static ProcessService open(Path storeFile, int jobThreads, InstantSource clock, Supplier<Engine.Builder> kernel,
                                       JobParameterCheck check) {
        EngineLock lock = EngineLock.acquire(storeFile);
        try {
            return open(SqliteProcessStore.open(storeFile), jobThreads, Map.of(), true, clock, kernel, check, lock);
        } catch (RuntimeException e) {
            try {
                lock.close();
            } catch (java.io.IOException ignored) {
                // the failure to open says more
            }
            throw e;
        }
    }

    /**
     * The store {@code --store} names: a SQLite file as {@link #open(Path, int, InstantSource)}, or a
     * PostgreSQL database, opened as one engine (the database's schema checked or created first).
     */
    public static ProcessService open(StoreLocation location, int jobThreads, InstantSource clock) {
        return open(location, jobThreads, clock, Engine::builder, JobParameterCheck.NONE);
    }

    /** As {@link #open(StoreLocation, int, InstantSource)} on the system clock. */
    public static ProcessService open(StoreLocation location, int jobThreads) {
        return open(location, jobThreads, InstantSource.system());
    }

    /** As {@link #open(Path, int, Supplier, JobParameterCheck)}, on the store {@code location} names. */
    public static ProcessService open(StoreLocation location, int jobThreads, Supplier<Engine.Builder> kernel, JobParameterCheck check) {
        return open(location, jobThreads, InstantSource.system(), kernel, check);
    }

    private static ProcessService open(StoreLocation location, int jobThreads, InstantSource clock, Supplier<Engine.Builder> kernel,
                                       JobParameterCheck check) {
        return switch (location) {
            case StoreLocation.SqliteFile file -> open(file.file(), jobThreads, clock, kernel, check);
            case PostgresLocation database -> openStore(PostgresProcessStore.open(database), jobThreads, true, clock, kernel, check);
        };
    }

    /** A look at the store that runs nothing (see {@link #inspect(Path)}); a PostgreSQL database must have the current schema. */
    public static ProcessService inspect(StoreLocation location) {
        return switch (location) {
            case StoreLocation.SqliteFile file -> inspect(file.file());
            case PostgresLocation database -> openStore(PostgresProcessStore.open(database), 1, false, InstantSource.system(), Engine::builder,
                    JobParameterCheck.NONE);
        };
    }

    /** Starts an engine on a store just opened, closing the store if the engine cannot start. */
    private static ProcessService openStore(ProcessStore store, int jobThreads, boolean recover, InstantSource clock, Supplier<Engine.Builder> kernel,
                                            JobParameterCheck check) {
        try {
            return open(store, jobThreads, Map.of(), recover, clock, kernel, check);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** A look at a SQLite store that runs nothing: for list, show, history, inbox, also while an engine runs on it. */
    public static ProcessService inspect(Path storeFile) {
        if (!java.nio.file.Files.exists(storeFile)) {
            throw new NotFound("no process store " + storeFile + " (deploy a model first, or give --store)");
        }
        return open(SqliteProcessStore.open(storeFile), 1, Map.of(), false, InstantSource.system(), Engine::builder, JobParameterCheck.NONE);
    }

    /** An engine over nothing: for validating files when no store exists yet. */
    public static ProcessService inMemory() {
        return open(new io.tilework.process.store.InMemoryProcessStore(), 1, Map.of(), false, InstantSource.system(), Engine::builder,
                JobParameterCheck.NONE);
    }

    /** Over any store, with extra delivery handlers for the applications a specification names. */
    public static ProcessService open(ProcessStore store, int jobThreads, Map<String, DeliveryHandler> handlers) {
        return open(store, jobThreads, handlers, true, InstantSource.system(), Engine::builder, JobParameterCheck.NONE);
    }

    /** Over any store, on {@code clock}: the process tests run their scenarios on each store this way. */
    public static ProcessService open(ProcessStore store, int jobThreads, InstantSource clock) {
        return open(store, jobThreads, Map.of(), true, clock, Engine::builder, JobParameterCheck.NONE);
    }

    private static ProcessService open(ProcessStore store, int jobThreads, Map<String, DeliveryHandler> handlers, boolean recover,
                                       InstantSource clock, Supplier<Engine.Builder> kernelBuilder, JobParameterCheck check,
                                       AutoCloseable... alsoOwned) {
        var kernel = new KernelHolder(kernelBuilder);
        JobRunner worker = new JobRunner(Jobs.discover(), kernel, jobThreads, check);
        Notifier notifier = new Notifier();
        ProcessEngine.Builder builder = ProcessEngine.builder(store)
                .recover(recover)
                .clock(clock)
                .handler("worker", worker)
                .handler("webhook", new WebhookCaller())
                .handlerForKind("person", notifier)
                .handlerForKind("role", notifier)
                .handlerForKind("engine", new InstanceStarter());
        handlers.forEach(builder::handler);
        // On PostgreSQL several engines may share the database: this one starts as a standby and serves once it leads.
        PostgresProcessStore database = recover && store instanceof PostgresProcessStore pg ? pg : null;
        FencedWriter fenced = database == null ? null : new FencedWriter(database);
        if (database != null) {
            builder.standby().writer(fenced);
        } else if (store instanceof PostgresProcessStore) {
            builder.standby(); // a look that runs nothing never leads: it would write unfenced beside the active engine
        }
        ProcessEngine engine = builder.start();
        var owned = new java.util.ArrayList<AutoCloseable>();
        SharedDatabase shared = null;
        try {
            shared = database == null ? null : new SharedDatabase(database, engine, fenced);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        if (shared != null) {
            owned.add(shared); // leadership given up before the engine and the store close
        }
        owned.addAll(List.of(engine, worker, kernel, store));
        owned.addAll(List.of(alsoOwned));
        return new ProcessService(engine, shared, owned.toArray(AutoCloseable[]::new));
    }

    /**
     * Whether this service's engine serves (it is alone on its store, or leads among the engines on
     * its PostgreSQL database); a standby forwards the commands that change instances to the one that does.
     */
    public boolean active() {
        return engine.active();
    }

    /**
     * The leadership term its engine serves in: on a shared PostgreSQL database, the epoch it was
     * elected with (each new active engine has a higher one); 0 while it stands by; 1 alone on a store.
     */
    public long term() {
        return engine.term();
    }

    /** Waits until this service's engine serves (see {@link #active()}); false if {@code timeout} passed first. */
    public boolean awaitActive(Duration timeout) throws InterruptedException {
        return engine.awaitActive(timeout);
    }

    public ProcessEngine engine() {
        return engine;
    }

    /** Every problem of a specification or model file (which one it is, its first keys say); empty if valid. */
    public List<Problem> validate(String file, String text) {
        return validate(file, text, List.of());
    }

    /**
     * As {@link #validate(String, String)}, the file given with {@code together} (it may be among
     * them): a model's constraints see the models among them, whatever their order, then those
     * deployed in the store (a refinement naming a map of either).
     */
    public List<Problem> validate(String file, String text, List<Document> together) {
        learnOthersDeploys();
        return validate(engine.specifications(), file, text, models(engine.specifications(), together, engine.store()));
    }

    /**
     * Every problem of a file against the shipped packs alone, with no store and no engine: what
     * {@code validate} means before anything is deployed.
     */
    public static List<Problem> validateAgainstPacks(String file, String text) {
        return validateAgainstPacks(file, text, List.of());
    }

    /** As {@link #validateAgainstPacks(String, String)}, the models among {@code together} seeing each other. */
    public static List<Problem> validateAgainstPacks(String file, String text, List<Document> together) {
        return validate(Packs.PACKS, file, text, models(Packs.PACKS, together, null));
    }

    /** The shipped packs, read once, when first needed (a holder class: the JVM makes it thread-safe). */
    private static final class Packs {
        static final io.tilework.process.spec.Specifications PACKS = io.tilework.process.spec.Specifications.packs();
    }

    /** A file given with others to validate or deploy: the models among them see each other ({@code ctx.model}). */
    public record Document(String file, String text) {
    }

    /**
     * Other models by name, for constraints: the first of {@code together} that is a model of that
     * name (read as far as it can be, as the specifications are now), else the newest deployed in
     * {@code store} (none if null), else null.
     */
    private static Function<String, Model> models(io.tilework.process.spec.Specifications specifications, List<Document> together,
                                                  ProcessStore store) {
        return name -> {
            for (Document document : together) {
                if (name.equals(modelName(document))) {
                    return ModelReader.peek(document.file(), document.text(), specifications::get);
                }
            }
            if (store == null) {
                return null;
            }
            return store.model(name, 0).map(stored -> ModelReader.peek(stored.name() + ".yaml", stored.source(), specifications::get))
                    .orElse(null);
        };
    }

    /** The name a model file gives itself, or null (a specification, or text that does not parse). */
    private static String modelName(Document document) {
        try {
            YamlNode root = YamlNode.parse(document.file(), document.text());
            YamlNode name = root.isMapping() ? root.get("model") : null;
            return name == null || !name.isScalar() || name.isNull() ? null : name.text("model");
        } catch (MalformedYaml e) {
            return null;
        }
    }

    private static List<Problem> validate(io.tilework.process.spec.Specifications specifications, String file, String text,
                                          Function<String, Model> models) {
        try {
            if (isSpecification(file, text)) {
                var reader = new SpecReader(specifications::get);
                reader.parse(file, text);
                return reader.problems();
            }
            return ModelReader.check(file, text, specifications::get, models);
        } catch (MalformedYaml e) {
            return List.of(new Problem(e.file(), e.line(), "", e.reason()));
        }
    }

    /** What a deploy did. */
    public record Deployed(String kind, String name, int version) {
    }

    /** Deploys a specification (available at once to models) or a model (its next version); throws listing every problem. */
    public Deployed deploy(String file, String text) {
        return deploy(file, text, List.of());
    }

    /**
     * As {@link #deploy(String, String)}, the file given with {@code together}: a model's
     * constraints see the models among them (deployed yet or not) and those of the store.
     */
    public Deployed deploy(String file, String text, List<Document> together) {
        learnOthersDeploys();
        if (isSpecification(file, text)) {
            BehaviourSpec spec = engine.specifications().read(file, text);
            // Stored first: if that fails, the engine goes on with what the store has.
            int version = engine.store().saveSpec(spec.name(), spec.source());
            engine.specifications().add(spec);
            engine.deployed();
            return new Deployed("specification", spec.name(), version);
        }
        Model model = ModelReader.read(file, text, engine.specifications()::get, models(engine.specifications(), together, engine.store()));
        int version = engine.store().saveModel(model.name(), model.conformsTo(), text);
        return new Deployed("model", model.name(), version);
    }

    /** On a database shared with other engines: what they deployed, known here too (a model may conform to a specification one of them deployed). */
    private void learnOthersDeploys() {
        if (shared != null) {
            engine.refreshDeployed();
        }
    }

    private static boolean isSpecification(String file, String text) {
        YamlNode root = YamlNode.parse(file, text);
        return root.isMapping() && root.get("metamodel") != null;
    }

    public Outcome start(String model, Map<String, Object> variables) {
        if (shared != null && !shared.local()) {
            return shared.forwardStart(model, variables, COMMIT_TIMEOUT);
        }
        if (shared != null) {
            engine.deployed(); // another engine may have deployed a newer specification: new instances run the newest
        }
        try {
            return await(engine.start(model, variables));
        } catch (StoreUnavailable e) {
            if (shared != null && ProcessEngine.refusedAsStandby(e)) {
                return shared.forwardStart(model, variables, COMMIT_TIMEOUT); // it stood down meanwhile: the active engine applies it
            }
            throw e;
        }
    }

    /** Sends any external event of the instance's specification. */
    public Outcome send(String instance, String event, String object, Map<String, Object> payload) {
        String target = object == null ? root(instance) : object;
        if (shared != null && !shared.local()) {
            return shared.forwardEvent(instance, event, target, payload, COMMIT_TIMEOUT);
        }
        try {
            return await(engine.send(instance, event, target, payload));
        } catch (StoreUnavailable e) {
            if (shared != null && ProcessEngine.refusedAsStandby(e)) {
                return shared.forwardEvent(instance, event, target, payload, COMMIT_TIMEOUT);
            }
            throw e;
        }
    }

    public Outcome signal(String instance, String name, Map<String, Object> variables) {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("name", name);
        if (!variables.isEmpty()) {
            payload.put("variables", variables);
        }
        return send(instance, "signal", null, payload);
    }

    public Outcome choose(String instance, String section) {
        return send(instance, "choose", section, Map.of());
    }

    public Outcome complete(String instance, String workItem, Map<String, Object> variables) {
        return send(instance, "complete", workItem, variables.isEmpty() ? Map.of() : Map.of("variables", variables));
    }

    public Outcome cancel(String instance) {
        return send(instance, "cancel", null, Map.of());
    }

    public Outcome suspend(String instance) {
        return send(instance, "suspend", null, Map.of());
    }

    public Outcome resume(String instance) {
        return send(instance, "resume", null, Map.of());
    }

    public List<InstanceSummary> list() {
        return engine.store().instances();
    }

    /** An instance as {@code show} prints it; {@code specification} is the name of the one it runs. */
    public record InstanceView(InstanceSummary summary, String specification, InstanceState state, List<TimerEntry> timers,
                               List<OutboxEntry> undelivered, Map<String, Boolean> finalStates) {
    }

    public InstanceView show(String instance) {
        InstanceSummary summary = engine.store().instance(instance).orElseThrow(() -> unknown(instance));
        InstanceState state = engine.state(instance);
        List<TimerEntry> timers = engine.store().timers().stream().filter(t -> t.instance().equals(instance)).toList();
        List<OutboxEntry> undelivered = engine.store().pendingOutbox(instance);
        var finals = new HashMap<String, Boolean>();
        BehaviourSpec spec = engine.definition(summary).spec();
        for (TypeDef type : spec.metaModel().types().values()) {
            type.finals().forEach(f -> finals.put(type.name() + "." + f, true));
        }
        return new InstanceView(summary, spec.name(), state, timers, undelivered, finals);
    }

    /**
     * Why the instance failed, if it has ended with an error on its root object (the workflow
     * pack's {@code error}: a failure nothing handled, a condition of the model that failed);
     * null if it runs or ended without one.
     */
    public String failure(String instance) {
        InstanceState state = engine.state(instance);
        InstanceSummary summary = engine.store().instance(instance).orElse(null);
        if (state == null || summary == null) {
            return null;
        }
        TypeDef root = engine.definition(summary).spec().metaModel().type(state.root().type());
        Object error = state.root().attributes().get("error");
        return root != null && root.finals().contains(state.state()) && error != null ? error.toString() : null;
    }

    public List<LogRecord> history(String instance) {
        engine.store().instance(instance).orElseThrow(() -> unknown(instance));
        return engine.store().log(instance, 0);
    }

    /** The instance as it stood at {@code time}, or null if it did not exist yet. */
    public InstanceState stateAt(String instance, Instant time) {
        engine.store().instance(instance).orElseThrow(() -> unknown(instance));
        return io.tilework.process.engine.History.at(engine.store(), instance, time);
    }

    /** An actor's notifications, each with the current state of the object it is about. */
    public record InboxItem(InboxEntry entry, String objectState) {
    }

    public List<InboxItem> inbox(String actor) {
        return engine.store().inbox(actor).stream().map(entry -> {
            InstanceState state = engine.state(entry.instance());
            RuntimeObject object = state == null ? null : state.object(entry.object());
            return new InboxItem(entry, object == null ? null : object.state());
        }).toList();
    }

    /** Waits until nothing is left to do now (jobs finished, deliveries acknowledged); timers for later do not count. */
    public boolean awaitQuiescence(Duration timeout) throws InterruptedException {
        return engine.awaitQuiescence(timeout);
    }

    private String root(String instance) {
        InstanceState state = engine.state(instance);
        if (state == null) {
            throw unknown(instance);
        }
        return state.root().id();
    }

    private NotFound unknown(String instance) {
        List<String> known = engine.store().instances().stream().map(InstanceSummary::id).limit(20).toList();
        return new NotFound("no instance '" + instance + "'" + (known.isEmpty() ? "; none has been started"
                : "; instances: " + known + (known.size() == 20 ? " ..." : "")) + " (tilework process list)");
    }

    private static Outcome await(java.util.concurrent.CompletableFuture<Outcome> future) {
        try {
            return future.get(COMMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the process engine", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the process engine did not commit within " + COMMIT_TIMEOUT.toSeconds() + " s");
        }
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : owned) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
    }

    /** The kernel engine jobs run on, created by the first job that needs it. */
    private static final class KernelHolder implements Supplier<Engine>, AutoCloseable {
        private final Supplier<Engine.Builder> builder;
        private Engine engine;

        KernelHolder(Supplier<Engine.Builder> builder) {
            this.builder = builder;
        }

        @Override
        public synchronized Engine get() {
            if (engine == null) {
                engine = builder.get().build();
            }
            return engine;
        }

        @Override
        public synchronized void close() {
            if (engine != null) {
                engine.close();
            }
        }
    }
}
