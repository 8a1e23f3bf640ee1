package io.tilework.process;

import io.tilework.process.store.PostgresLocation;
import io.tilework.testkit.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
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
 * <p>A database lives as long as its folder (a test's temporary folder, deleted after the test): the
 * databases of folders gone are dropped before the next one is made. Dropped, their pages are never
 * written out; kept, the server's checkpoints would sync the files of every database the run made
 * (about 20,000 files for 60 databases: half a minute at shutdown here).
 */
final class SharedPostgres {

    private static PostgresServer server;
    private static int made;
    private static final Map<Path, PostgresLocation> DATABASES = new HashMap<>();

    private SharedPostgres() {
    }

    /** The database of {@code folder}: made on first use, with the password given explicitly (tests only). */
    static synchronized PostgresLocation database(Path folder) {
        Path key = folder.toAbsolutePath().normalize();
        PostgresLocation known = DATABASES.get(key);
        if (known != null) {
            return known;
        }
        dropDatabasesOfFoldersGone();
        try {
            Files.createDirectories(key); // the database's life is the folder's
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresServer running = server();
        String url = running.createDatabase("suite_" + ++made);
        PostgresLocation database = PostgresLocation.parse(url).withPassword(running.password());
        DATABASES.put(key, database);
        return database;
    }

    private static void dropDatabasesOfFoldersGone() {
        var gone = DATABASES.entrySet().stream().filter(e -> !Files.exists(e.getKey())).toList();
        if (gone.isEmpty()) {
            return;
        }
        // As the test user (they are its databases), from its first database; FORCE ends connections a failed test left open.
        PostgresLocation home = PostgresLocation.parse(server.url()).withPassword(server.password());
        try (Connection connection = DriverManager.getConnection(home.jdbcUrl(), home.connectionProperties());
             Statement statement = connection.createStatement()) {
            for (var entry : gone) {
                statement.execute("DROP DATABASE IF EXISTS " + entry.getValue().database() + " WITH (FORCE)");
                DATABASES.remove(entry.getKey());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the finished tests' databases on " + home.address() + ": " + e.getMessage(), e);
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
