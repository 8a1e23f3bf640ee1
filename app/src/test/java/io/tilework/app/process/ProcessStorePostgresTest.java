package io.tilework.app.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.Tilework;
import io.tilework.testkit.PostgresServer;
import io.tilework.testkit.PostgresServerPerClass;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --store postgresql://...} on the process commands, {@code process store init|migrate|check|copy}
 * and the one-line connection errors, run as a user runs them: the command line in a JVM of its own,
 * the password in its environment or password file (never on the command line).
 */
@DisplayName("tilework process on PostgreSQL: store init/check/copy, the password from PGPASSWORD or ~/.pgpass, one-line connection errors")
class ProcessStorePostgresTest {

    private static final Path EXAMPLES = Path.of("..", "process", "examples");

    @RegisterExtension
    static final PostgresServerPerClass POSTGRES = new PostgresServerPerClass();

    @TempDir
    Path temp;

    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    /** {@code tilework ARGS} in a child JVM whose environment has {@code environment} and a HOME of this test (no user's ~/.pgpass). */
    private Run tilework(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-Duser.home=" + temp, Tilework.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        var builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PG") || name.equals("TILEWORK_PROCESS_STORE"));
        builder.environment().put("HOME", temp.toString());
        builder.environment().put("TILEWORK_ERROR_LOG", temp.resolve("error.log").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tilework " + String.join(" ", args) + " still running after 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Map<String, String> password() {
        return Map.of("PGPASSWORD", POSTGRES.server().password());
    }

    @Test
    @DisplayName("init, deploy, start, list and check on a database; the password from PGPASSWORD, then from ~/.pgpass")
    void commandsOnADatabase() throws Exception {
        String url = POSTGRES.server().createDatabase("commands");
        Run init = tilework(password(), "process", "store", "init", "--store", url);
        assertEquals(0, init.exit(), init.err());
        assertTrue(init.out().contains("created the schema, version " + io.tilework.process.store.PostgresSchema.current()), init.out());
        Run again = tilework(password(), "process", "store", "init", "--store", url);
        assertTrue(again.out().contains("already"), again.out());

        String review = EXAMPLES.resolve("review.yaml").toString();
        Run deployed = tilework(password(), "process", "deploy", review, "--store", url);
        assertEquals(0, deployed.exit(), deployed.err());
        assertTrue(deployed.out().contains("deployed model review version 1 to " + url), deployed.out());
        assertFalse(deployed.out().contains(POSTGRES.server().password()) || deployed.err().contains(POSTGRES.server().password()));
        Run started = tilework(password(), "process", "start", "review", "--var", "amount=2500", "--store", url);
        assertEquals(0, started.exit(), started.err());
        assertTrue(started.out().contains("review-1: running"), started.out());

        // The password file instead: HOST:PORT:DB:USER:PASSWORD, private to its owner, '*' for any database.
        Path pgpass = temp.resolve(".pgpass");
        Files.writeString(pgpass, "# tests\nother-host:*:*:*:wrong\n127.0.0.1:" + POSTGRES.server().port() + ":*:" + PostgresServer.USER + ":"
                + POSTGRES.server().password() + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Run listed = tilework(Map.of(), "process", "list", "--store", url);
        assertEquals(0, listed.exit(), listed.err());
        assertTrue(listed.out().contains("review-1") && listed.out().contains("running"), listed.out());

        Run checked = tilework(Map.of(), "process", "store", "check", "--store", url);
        assertEquals(0, checked.exit(), checked.err());
        assertAll(
                () -> assertTrue(checked.out().contains("schema version " + io.tilework.process.store.PostgresSchema.current() + " (current)"), checked.out()),
                () -> assertTrue(checked.out().contains("instances      1 (running 1)"), checked.out()),
                () -> assertTrue(checked.out().matches("(?s).*pending outbox \\d+.*timers         \\d+.*"), checked.out()),
                () -> assertTrue(checked.out().contains("active engine  none"), "no engine runs between the commands: " + checked.out()));

        // A password file others can read is ignored, as libpq does, and the failure says so.
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        Run ignored = tilework(Map.of(), "process", "list", "--store", url);
        assertEquals(1, ignored.exit(), ignored.out());
        assertEquals(1, ignored.errLines().size(), ignored.err());
        assertTrue(ignored.err().contains("chmod 600"), ignored.err());
    }

    @Test
    @DisplayName("a wrong password, a closed port and an unknown host each give one line naming host:port/db and what to check; exit 1")
    void connectionErrors() throws Exception {
        String url = POSTGRES.server().createDatabase("errors");
        Run wrong = tilework(Map.of("PGPASSWORD", "not-the-password"), "process", "list", "--store", url);
        assertEquals(1, wrong.exit(), wrong.err());
        assertEquals(List.of("tilework: password authentication failed for user " + PostgresServer.USER + " on 127.0.0.1:" + POSTGRES.server().port()
                + "/errors: check PGPASSWORD or ~/.pgpass"), wrong.errLines());

        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Run refused = tilework(password(), "process", "store", "check", "--store", "postgresql://127.0.0.1:" + closed + "/tw?user=x");
        assertEquals(1, refused.exit(), refused.err());
        assertEquals(1, refused.errLines().size(), refused.err());
        assertTrue(refused.err().startsWith("tilework: cannot connect to 127.0.0.1:" + closed + "/tw: connection refused: is the server running"),
                refused.err());

        Run unknown = tilework(password(), "process", "deploy", EXAMPLES.resolve("review.yaml").toString(),
                "--store", "postgresql://no-such-host.invalid/tw?user=x");
        assertEquals(1, unknown.exit(), unknown.err());
        assertEquals(1, unknown.errLines().size(), unknown.err());
        assertTrue(unknown.err().startsWith("tilework: cannot connect to no-such-host.invalid:5432/tw: unknown host no-such-host.invalid"),
                unknown.err());

        Run verbose = tilework(password(), "--verbose", "process", "list", "--store", "postgresql://127.0.0.1:" + closed + "/tw?user=x");
        assertTrue(verbose.errLines().size() > 1 && verbose.err().contains("at org.postgresql"), "--verbose shows the trace: " + verbose.err());
    }

    @Test
    @DisplayName("a password in the URL is refused, saying where it goes, and is not repeated")
    void passwordInTheUrl() throws Exception {
        Run refused = tilework(Map.of(), "process", "list", "--store", "postgresql://127.0.0.1:" + POSTGRES.server().port() + "/tw?user=x&password=s3cret");
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("PGPASSWORD") && refused.err().contains("~/.pgpass"), refused.err());
        assertFalse(refused.err().contains("s3cret"), refused.err());
        Run userInfo = tilework(Map.of(), "serve", "--port", "0", "--store", "postgresql://x:s3cret@127.0.0.1:" + POSTGRES.server().port() + "/tw");
        assertEquals(2, userInfo.exit(), userInfo.err());
        assertFalse(userInfo.err().contains("s3cret"), userInfo.err());
    }

    @Test
    @DisplayName("a schema newer than this Tilework is refused by every command, saying which version and to use a newer Tilework")
    void newerSchema() throws Exception {
        String url = POSTGRES.server().createDatabase("newer");
        assertEquals(0, tilework(password(), "process", "store", "init", "--store", url).exit());
        var properties = new Properties();
        properties.setProperty("user", PostgresServer.USER);
        properties.setProperty("password", POSTGRES.server().password());
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + POSTGRES.server().port() + "/newer", properties);
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_version (version, applied) VALUES (99, 0)");
        }
        Run listed = tilework(password(), "process", "list", "--store", url);
        assertEquals(1, listed.exit(), listed.err());
        assertEquals(List.of("tilework: the process store 127.0.0.1:" + POSTGRES.server().port() + "/newer has schema version 99, newer than this Tilework knows (" + io.tilework.process.store.PostgresSchema.current() + ");"
                + " use a newer Tilework"), listed.errLines());
        Run checked = tilework(password(), "process", "store", "check", "--store", url);
        assertEquals(1, checked.exit(), checked.out());
        assertTrue(checked.err().contains("newer than this Tilework knows"), checked.err());
        Run migrated = tilework(password(), "process", "store", "migrate", "--store", url);
        assertEquals(1, migrated.exit(), migrated.out());
    }

    @Test
    @DisplayName("copy a SQLite store into a database: the instance goes on there; a second copy is refused unless --replace")
    void copyCommand() throws Exception {
        Path file = temp.resolve("process.db");
        String review = EXAMPLES.resolve("review.yaml").toString();
        assertEquals(0, tilework(Map.of(), "process", "deploy", review, "--store", file.toString()).exit());
        assertEquals(0, tilework(Map.of(), "process", "start", "review", "--var", "amount=2500", "--store", file.toString()).exit());
        String url = POSTGRES.server().createDatabase("copy");

        Run copied = tilework(password(), "process", "store", "copy", "--from", file.toString(), "--to", url);
        assertEquals(0, copied.exit(), copied.err());
        assertTrue(copied.out().matches("(?s).*instances\\s+1\\n.*"), copied.out());
        Run completed = tilework(password(), "process", "complete", "review-1", "WorkItem-1", "--var", "ok=true", "--store", url);
        assertEquals(0, completed.exit(), completed.err());
        assertTrue(completed.out().contains("review-1: completed"), completed.out());

        Run refused = tilework(password(), "process", "store", "copy", "--from", file.toString(), "--to", url);
        assertEquals(1, refused.exit(), refused.out());
        assertEquals(1, refused.errLines().size(), refused.err());
        assertTrue(refused.err().contains("already holds 1 instance(s)") && refused.err().contains("--replace"), refused.err());
        Run replaced = tilework(password(), "process", "store", "copy", "--from", file.toString(), "--to", url, "--replace");
        assertEquals(0, replaced.exit(), replaced.err());
        Run shown = tilework(password(), "process", "list", "--store", url);
        assertTrue(shown.out().contains("review-1") && shown.out().contains("running"), "the copy replaced the completed one: " + shown.out());
    }

    @Test
    @DisplayName("tilework serve --store postgresql://...: the server's engine runs on the database; /health names it without host or password")
    void serveOnADatabase() throws Exception {
        String url = POSTGRES.server().createDatabase("served");
        Path review = EXAMPLES.resolve("review.yaml");
        assertEquals(0, tilework(password(), "process", "deploy", review.toString(), "--store", url).exit());
        assertEquals(0, tilework(password(), "process", "start", "review", "--var", "amount=1", "--store", url).exit());
        Files.createDirectories(temp.resolve("root"));
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                Tilework.class.getName(), "serve", "--port", "0", "--data-root", temp.resolve("root").toString(), "--store", url));
        var builder = new ProcessBuilder(command).redirectError(temp.resolve("serve.err").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().put("PGPASSWORD", POSTGRES.server().password());
        builder.environment().put("TILEWORK_ERROR_LOG", temp.resolve("error.log").toString());
        Process serve = builder.start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(serve.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            String line = lines.readLine(); // blocks until the server listens (or ends: then null)
            assertTrue(line != null && line.startsWith("Tilework console: "), "serve printed " + line + "; stderr: "
                    + Files.readString(temp.resolve("serve.err")));
            String base = line.substring("Tilework console: ".length()).split("\\s+")[0].replaceAll("/$", "");
            var client = java.net.http.HttpClient.newHttpClient();
            var health = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"location\":\"postgresql:served\"") && health.body().contains("\"reachable\":true"), health.body());
            assertFalse(health.body().contains(POSTGRES.server().password()) || health.body().contains("127.0.0.1:" + POSTGRES.server().port()), health.body());
            var instances = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/processes/instances")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(instances.body().contains("review-1"), "the server sees the instance the command line started: " + instances.body());
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(Files.readString(temp.resolve("serve.err")).contains(POSTGRES.server().password()));
    }
}
