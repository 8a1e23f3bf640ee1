package io.tilework.app.process;

import io.tilework.app.failure.BadCommandLine;
import io.tilework.app.failure.ExitCode;
import io.tilework.process.engine.Outcome;
import io.tilework.process.service.ProcessService;
import io.tilework.process.store.StoreLocation;
import io.tilework.process.yaml.Excerpt;
import io.tilework.process.yaml.Scalars;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every {@code tilework process} command shares: where the store is, and how long to wait for work. */
final class StoreOptions {

    @Option(names = "--store", paramLabel = "FILE|URL", defaultValue = "${env:TILEWORK_PROCESS_STORE:-tilework-process.db}",
            description = {"the store: a SQLite file (default ${DEFAULT-VALUE}; or set TILEWORK_PROCESS_STORE), or a PostgreSQL database "
                    + "postgresql://HOST[:PORT]/DB[?user=NAME] shared by several engines; its password comes from PGPASSWORD or ~/.pgpass, "
                    + "never from the command line"})
    String store;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2", description = "jobs run at once (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "10m",
            description = "the longest to wait for jobs and deliveries to finish before returning (default ${DEFAULT-VALUE}, e.g. 30s)")
    String wait;

    /** Where --store points; a URL that cannot be used is a wrong command line (the message never repeats a password). */
    StoreLocation location() {
        return location(store);
    }

    static StoreLocation location(String text) {
        try {
            return StoreLocation.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadCommandLine("--store: " + e.getMessage());
        }
    }

    /** How messages name the store: the file, or the URL (never with a password). */
    String describe() {
        return location().describe();
    }

    /** True unless the store is a SQLite file not made yet (a database is asked when it is opened). */
    boolean exists() {
        return !(location() instanceof StoreLocation.SqliteFile(Path file)) || Files.exists(file);
    }

    /** An engine on the store: only one at a time may run on a SQLite file. */
    ProcessService open() {
        return ProcessService.open(location(), jobs);
    }

    /** An engine on the store whose jobs run on a kernel built from {@code kernel} (a cluster's pool, for one). */
    ProcessService open(java.util.function.Supplier<io.tilework.engine.Engine.Builder> kernel) {
        return ProcessService.open(location(), jobs, kernel, io.tilework.process.delivery.JobParameterCheck.NONE);
    }

    /** A look at the store that runs nothing. */
    ProcessService inspect() {
        return ProcessService.inspect(location());
    }

    Duration waitDuration() {
        Duration duration = Scalars.duration(wait);
        if (duration == null) {
            throw new io.tilework.app.failure.BadCommandLine("--wait " + wait + " is not a duration (e.g. 30s, 10m, PT1H)");
        }
        return duration;
    }

    /** Runs the engine until it settles; says so if it did not within --wait. */
    void settle(ProcessService service, PrintWriter out) throws InterruptedException {
        if (!service.awaitQuiescence(waitDuration())) {
            out.println("still working after " + wait + "; the rest continues with the next command or 'tilework process run'");
        }
    }

    /** "name=value" pairs as variables: numbers, true/false and JSON objects or lists keep their type. */
    static Map<String, Object> variables(List<String> pairs) {
        var variables = new LinkedHashMap<String, Object>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new io.tilework.app.failure.BadCommandLine("--var " + Excerpt.of(pair) + ": expected NAME=VALUE, e.g. --var amount=250");
            }
            String value = pair.substring(equals + 1);
            variables.put(pair.substring(0, equals), value.startsWith("{") || value.startsWith("[")
                    ? Json.read(value, "--var " + Excerpt.of(pair.substring(0, equals)) + "=" + Excerpt.of(value, 40))
                    : Scalars.typed(value));
        }
        return variables;
    }

    /**
     * Prints the instance's state once the engine settled; if it ended with an error (a failure
     * nothing handled, a condition of the model that failed), says why on one line and exits 1.
     */
    static int ended(ProcessService service, String instance, PrintWriter out, PrintWriter err) {
        out.println(instance + ": " + service.engine().state(instance).state());
        String failure = service.failure(instance);
        if (failure == null) {
            return ExitCode.DONE;
        }
        err.println("tilework: " + instance + " " + service.engine().state(instance).state() + ": " + Excerpt.of(failure, Excerpt.LINE));
        return ExitCode.USER_FAILURE;
    }

    /**
     * Prints what an event did. A request that changed nothing failed, whatever the reason:
     * rejected (it does not fit) or not applied (the instance has ended) both exit 1.
     */
    static int report(Outcome outcome, PrintWriter out, PrintWriter err) {
        switch (outcome.status()) {
            case REJECTED -> {
                err.println("tilework: rejected: " + outcome.message());
                return ExitCode.USER_FAILURE;
            }
            case IGNORED -> {
                err.println("tilework: not applied: " + outcome.message() + (outcome.instance() == null ? ""
                        : "; see its state with 'tilework process show " + outcome.instance() + "'"));
                return ExitCode.USER_FAILURE;
            }
            case DEFERRED -> out.println(outcome.instance() + ": deferred (" + outcome.message() + ")");
            case APPLIED -> out.println(outcome.instance() + ": " + outcome.state());
        }
        return ExitCode.DONE;
    }
}
