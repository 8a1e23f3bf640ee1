package io.tilework.process;

import io.tilework.process.store.PostgresLocation;
import io.tilework.testkit.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one PostgreSQL server of a test run, started when the first test on {@link StoreKind#POSTGRESQL}
 * needs it and stopped when the JVM ends (a shutdown hook: surefire's JVM ends normally after the
 * last test). Each test folder gets a database of its own, the same one every time it is asked for
 * again, so that a second engine on the folder finds what the first committed. Without the server's
 * binaries the tests on PostgreSQL are skipped saying so, except under CI=true where they fail
 * ({@link PostgresServer#assumeAvailable()}).
 *
 * <p>A database serves as long as its folder (a test's temporary folder, deleted after the test).
 * Then, before the next one is handed out, it is emptied (every table but the schema version
 * truncated, the sequences restarted) and handed to the next folder as a fresh store: making and
 * dropping a database cost about 0.4 s each here, emptying one a few milliseconds. One that still has
 * sessions (an engine a failed test left running) is dropped instead, so that nothing of it reaches
 * the next test. Dropped, not merely abandoned: the server's checkpoints would otherwise sync every
 * file of every database the run made (20,000 files for 60 databases: half a minute at shutdown).
 */
final class SharedPostgres {

    private static PostgresServer server;
    private static int made;
    private static final Map<Path, PostgresLocation> DATABASES = new HashMap<>();
    /** Emptied databases of finished tests, ready for the next folder. */
    private static final Deque<PostgresLocation> EMPTIED = new ArrayDeque<>();

    private SharedPostgres() {
    }

    /** The database of {@code folder}: made on first use, with the password given explicitly (tests only). */
    static synchronized PostgresLocation database(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        PostgresLocation known = DATABASES.get(key);
        if (known != null) {
            return known;
        }
        recycleDatabasesOfFoldersGone();
        try {
            Files.createDirectories(key); // the database's life is the folder's
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresLocation database = EMPTIED.poll();
        if (database == null) {
            PostgresServer running = server();
            database = PostgresLocation.parse(running.createDatabase("suite_" + ++made)).withPassword(running.password());
        }
        DATABASES.put(key, database);
        return database;
    }

    private static void recycleDatabasesOfFoldersGone() {
        var gone = DATABASES.entrySet().stream().filter(e -> !Files.exists(e.getKey())).toList();
        for (var entry : gone) {
            DATABASES.remove(entry.getKey());
            PostgresLocation database = entry.getValue();
            try {
                if (emptied(database)) {
                    EMPTIED.add(database);
                } else {
                    drop(database);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot empty or drop the finished test's database " + database.address() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Empties {@code database} unless another session is on it; says whether it did. */
    private static boolean emptied(PostgresLocation database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.connectionProperties());
             Statement statement = connection.createStatement()) {
            try (ResultSet others = statement.executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                            + " AND backend_type = 'client backend'")) {
                others.next();
                if (others.getInt(1) > 0) {
                    return false;
                }
            }
            // Whatever tables the migrations made (the schema version stays: the schema is still there).
            statement.execute("""
                    DO $$
                    DECLARE name text;
                    BEGIN
                      FOR name IN SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version' LOOP
                        EXECUTE 'TRUNCATE ' || name || ' RESTART IDENTITY CASCADE';
                      END LOOP;
                      FOR name IN SELECT quote_ident(sequencename) FROM pg_sequences WHERE schemaname = 'public' LOOP
                        EXECUTE 'ALTER SEQUENCE ' || name || ' RESTART';
                      END LOOP;
                    END $$""");
            return true;
        }
    }

    /** Drops {@code database}, ending the sessions still on it; as the test user (its owner), from the test user's first database. */
    private static void drop(PostgresLocation database) throws SQLException {
        PostgresLocation home = PostgresLocation.parse(server.url()).withPassword(server.password());
        try (Connection connection = DriverManager.getConnection(home.jdbcUrl(), home.connectionProperties());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)");
        }
    }

    /** The password of the test user, for an engine in another JVM (its environment's PGPASSWORD). */
    static synchronized String password() {
        return server().password();
    }

    private static PostgresServer server() {
        if (server == null) {
            Path folder;
            try {
                folder = Files.createTempDirectory("tilework-suite-postgres-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PostgresServer started = PostgresServer.start(folder);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                started.close();
                delete(folder);
            }));
            server = started;
        }
        return server;
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is not worth failing the run for
        }
    }
}
