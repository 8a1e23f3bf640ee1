package io.tilework.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL server of a test class's own, in a temporary folder: started before its first test,
 * stopped and removed after its last. Register it as a static field with
 * {@code @RegisterExtension}; a class that restarts or kills its server needs one of its own.
 */
public final class PostgresServerPerClass implements BeforeAllCallback, AfterAllCallback {

    private Path folder;
    private PostgresServer server;

    /** The class's server; only between its first and its last test. */
    public PostgresServer server() {
        if (server == null) {
            throw new IllegalStateException("the PostgreSQL server is started before the class's first test");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        // under the temporary folder: PostgresServer opens the folders on the way there to the postgres user
        folder = Files.createTempDirectory("tilework-postgres-");
        server = PostgresServer.start(folder);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            server = null;
            if (folder != null) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.sorted(Comparator.reverseOrder()).forEach(PostgresServerPerClass::delete);
                }
            }
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
