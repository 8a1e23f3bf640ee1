package io.tilework.bench.process;

import io.tilework.process.store.InMemoryProcessStore;
import io.tilework.process.store.PostgresLocation;
import io.tilework.process.store.PostgresProcessStore;
import io.tilework.process.store.ProcessStore;
import io.tilework.process.store.SqliteProcessStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store a process benchmark runs on, empty: a new SQLite file under the work folder (an earlier
 * run's removed), memory, or a PostgreSQL database made again for the run: the one the URL in
 * {@code BENCH_POSTGRESQL} names (bench/process.sh starts the server and sets it; the password comes
 * from PGPASSWORD), dropped and created by its user, who must be allowed to create databases.
 */
final class FreshStore {

    private FreshStore() {
    }

    static ProcessStore open(String kind, Path work, String fileName) throws IOException {
        Files.createDirectories(work);
        Path file = work.resolve(fileName);
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        return switch (kind) {
            case "sqlite" -> SqliteProcessStore.open(file);
            case "memory" -> new InMemoryProcessStore();
            case "postgresql" -> PostgresProcessStore.open(freshDatabase());
            default -> throw new IllegalArgumentException("store kind must be sqlite, memory or postgresql, not " + kind);
        };
    }

    private static PostgresLocation freshDatabase() {
        String url = System.getenv("BENCH_POSTGRESQL");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the postgresql store needs BENCH_POSTGRESQL=postgresql://HOST:PORT/DB?user=NAME (bench/process.sh sets it)");
        }
        PostgresLocation location = PostgresLocation.parse(url);
        if (!location.database().matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("BENCH_POSTGRESQL: name the benchmark's database in lower-case letters, digits and _, not " + location.database());
        }
        var server = new PostgresLocation(location.host(), location.port(), "postgres", location.user(), null);
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.connectionProperties());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + location.database() + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + location.database());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the benchmark's database " + location.database() + " on " + server.address() + ": "
                    + e.getMessage(), e);
        }
        return location;
    }
}
