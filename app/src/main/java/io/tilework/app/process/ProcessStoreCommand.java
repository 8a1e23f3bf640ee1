package io.tilework.app.process;

import io.tilework.app.failure.ExitCode;
import io.tilework.process.store.PostgresLocation;
import io.tilework.process.store.StoreCheck;
import io.tilework.process.store.StoreCopy;
import io.tilework.process.store.StoreLocation;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tilework process store}: create, upgrade, check and copy a process store without running an engine. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = {"Creates, upgrades, checks and copies a process store: a SQLite file or a PostgreSQL database "
                + "(postgresql://HOST[:PORT]/DB[?user=NAME]; the password from PGPASSWORD or ~/.pgpass, never the command line).",
                "No engine runs: stop the engines on a store before migrating or copying it."},
        subcommands = {ProcessStoreCommand.Init.class, ProcessStoreCommand.Migrate.class, ProcessStoreCommand.Check.class,
                ProcessStoreCommand.Copy.class})
public final class ProcessStoreCommand {

    /** The --store of these commands: the same default as every process command's, without --jobs and --wait. */
    abstract static class OnStore implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--store", paramLabel = "FILE|URL", defaultValue = "${env:TILEWORK_PROCESS_STORE:-tilework-process.db}",
                description = "a SQLite file (default ${DEFAULT-VALUE}; or set TILEWORK_PROCESS_STORE) or postgresql://HOST[:PORT]/DB[?user=NAME]")
        String store;

        StoreLocation location() {
            return StoreOptions.location(store);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Creates the store's schema: a new SQLite file, or Tilework's tables in a PostgreSQL database (which may hold "
                    + "other tables). A store that has the current schema is left as it is.",
                    "The first engine to open an empty database creates the schema too; init does it beforehand, e.g. as the database's owner."})
    static final class Init extends OnStore {
        @Override
        public Integer call() {
            StoreCheck.Upgrade upgrade = StoreCheck.init(location());
            out().println(upgrade.from() == upgrade.to() ? upgrade.store() + ": schema version " + upgrade.to() + " already, nothing to do"
                    : upgrade.store() + ": created the schema, version " + upgrade.to());
            return ExitCode.DONE;
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Upgrades the store's schema to the version this Tilework uses, one migration at a time, each in its own "
                    + "transaction. Stop the engines that use the store first (on PostgreSQL it refuses while one serves the database, "
                    + "naming its session): an older Tilework refuses a schema newer than it knows."})
    static final class Migrate extends OnStore {
        @Override
        public Integer call() {
            StoreCheck.Upgrade upgrade = StoreCheck.migrate(location());
            out().println(upgrade.from() == upgrade.to() ? upgrade.store() + ": schema version " + upgrade.to() + ", current: nothing to do"
                    : upgrade.store() + ": migrated the schema from version " + upgrade.from() + " to " + upgrade.to());
            return ExitCode.DONE;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Reports the store's schema version and whether it is the current one, and counts its instances (by state), "
                    + "pending outbox entries and timers; on PostgreSQL, the database session of the engine that serves it (or none). "
                    + "Changes nothing.",
                    "Exits 1 when something is wrong (no schema, an older or newer one, a database that cannot be reached), saying what to do."})
    static final class Check extends OnStore {
        @Override
        public Integer call() {
            StoreCheck.Report report = StoreCheck.check(location());
            PrintWriter out = out();
            out.println("store          " + report.store());
            out.println("schema version " + report.version() + (report.version() == report.current() ? " (current)"
                    : " (this Tilework uses " + report.current() + ")"));
            if (report.version() > 0 && report.version() <= report.current()) {
                out.println("instances      " + report.instances() + (report.instancesByState().isEmpty() ? ""
                        : " (" + report.instancesByState().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")) + ")"));
                out.println("pending outbox " + report.pendingOutbox());
                out.println("timers         " + report.timers());
            }
            if (location() instanceof PostgresLocation) {
                out.println("active engine  " + report.activeEngine().orElse("none (no engine serves this database now)"));
            }
            if (report.problems().isEmpty()) {
                return ExitCode.DONE;
            }
            report.problems().forEach(problem -> spec.commandLine().getErr().println("tilework: " + problem));
            return ExitCode.USER_FAILURE;
        }
    }

    @Command(name = "copy", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Copies a store into another: every specification and model version, every instance with its whole history "
                    + "and snapshot, the outbox, the timers, the inboxes and the counters (e.g. --from tilework-process.db "
                    + "--to postgresql://db.example/tilework). Either side may be a SQLite file or a PostgreSQL database.",
                    "The target must hold no instances, specifications or models, unless --replace. Stop the engines on both first; "
                            + "the copy is one transaction: all or nothing."})
    static final class Copy implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "FILE|URL", description = "the store to copy")
        String from;

        @Option(names = "--to", required = true, paramLabel = "FILE|URL", description = "the store to copy into (created if it is a new SQLite file)")
        String to;

        @Option(names = "--replace", description = "delete what the target holds before copying (otherwise a target with instances is refused)")
        boolean replace;

        @Override
        public Integer call() {
            StoreCopy.Copied copied = StoreCopy.copy(StoreOptions.location(from), StoreOptions.location(to), replace);
            PrintWriter out = spec.commandLine().getOut();
            out.println("copied " + copied.from() + " to " + copied.to() + ":");
            copied.rows().forEach((table, rows) -> out.printf("  %-14s %d%n", table, rows));
            return ExitCode.DONE;
        }
    }
}
