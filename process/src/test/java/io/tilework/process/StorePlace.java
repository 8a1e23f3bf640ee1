package io.tilework.process;

import io.tilework.process.service.ProcessService;
import io.tilework.process.store.InMemoryProcessStore;
import io.tilework.process.store.PostgresLocation;
import io.tilework.process.store.PostgresProcessStore;
import io.tilework.process.store.ProcessStore;
import io.tilework.process.store.SqliteProcessStore;
import io.tilework.process.store.StoreLocation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a test's store of one kind is: the test's folder names it (the SQLite file in it, or the
 * PostgreSQL database {@link SharedPostgres} keeps for it), so that an engine opened again on the same
 * folder finds what the one before committed. A memory store has no place: each engine on it starts empty.
 */
record StorePlace(StoreKind kind, Path folder) {

    /** A process service (jobs on {@code jobThreads} threads) on this store, recovering what it holds. */
    ProcessService open(int jobThreads, InstantSource clock) {
        return switch (kind) {
            case MEMORY -> ProcessService.open(new InMemoryProcessStore(), jobThreads, clock);
            case SQLITE -> ProcessService.open(sqliteFile(), jobThreads, clock);
            case POSTGRESQL -> ProcessService.open(database(), jobThreads, clock);
        };
    }

    /** The store as the process commands take it ({@code --store}): what an engine in another JVM is given. */
    String location() {
        return switch (kind) {
            case MEMORY -> throw noPlace();
            case SQLITE -> sqliteFile().toString();
            case POSTGRESQL -> database().describe();
        };
    }

    /**
     * A JVM that runs {@code main} with this store's location as its first argument (then {@code more}),
     * on this test's class path: an engine a test kills. What it needs to connect is in its environment,
     * never on its command line.
     */
    ProcessBuilder otherJvm(Class<?> main, String... more) {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", main.getName(), location()));
        command.addAll(List.of(more));
        var builder = new ProcessBuilder(command);
        if (kind == StoreKind.POSTGRESQL) {
            builder.environment().put("PGPASSWORD", SharedPostgres.password());
        }
        return builder;
    }

    /** In the other JVM: a process service on the store at {@code location} (as {@code --store}), recovering what it holds. */
    static ProcessService open(String location, int jobThreads, InstantSource clock) {
        return ProcessService.open(StoreLocation.parse(location), jobThreads, clock);
    }

    /** The store opened on its own, with no engine: to look at what it keeps. */
    ProcessStore openStore() {
        return switch (kind) {
            case MEMORY -> throw noPlace();
            case SQLITE -> SqliteProcessStore.open(sqliteFile());
            case POSTGRESQL -> PostgresProcessStore.open(database());
        };
    }

    /** A JDBC connection to the store's database: for a test that spoils what is stored. */
    Connection sql() throws SQLException {
        return switch (kind) {
            case MEMORY -> throw noPlace();
            case SQLITE -> DriverManager.getConnection("jdbc:sqlite:" + sqliteFile());
            case POSTGRESQL -> DriverManager.getConnection(database().jdbcUrl(), database().connectionProperties());
        };
    }

    private PostgresLocation database() {
        return SharedPostgres.database(folder);
    }

    private Path sqliteFile() {
        return folder.resolve("process.db");
    }

    private static IllegalStateException noPlace() {
        return new IllegalStateException("a memory store is gone with its engine: this test is for the durable stores");
    }
}
