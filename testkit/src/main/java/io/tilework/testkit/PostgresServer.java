package io.tilework.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests: a fresh cluster made with {@code initdb} in a folder the test
 * owns, listening on 127.0.0.1 on a free port (never the machine's own cluster or 5432), with
 * {@code fsync} left on. Its user {@code tilework} has a random password; every database made
 * with {@link #createDatabase(String)} belongs to it. Run as root, the server runs as the
 * {@code postgres} user (PostgreSQL refuses root).
 */
public final class PostgresServer implements AutoCloseable {

    /** The test user; {@link #password()} is its password. */
    public static final String USER = "tilework";
    private static final String DATABASE = "tilework";
    private static final String SUPERUSER = "postgres";
    private static final boolean AS_POSTGRES = "root".equals(System.getProperty("user.name"));

    private final Path bin;
    private final Path data;
    private final Path logFile;
    private final int port;
    private final String superPassword;
    private final String password;
    private boolean running;

    private PostgresServer(Path bin, Path data, int port, String superPassword, String password) {
        this.bin = bin;
        this.data = data;
        this.logFile = data.resolveSibling("postgres.log");
        this.port = port;
        this.superPassword = superPassword;
        this.password = password;
    }

    /**
     * Why no server can be started here, or empty when one can: the binaries are searched in
     * {@code /usr/lib/postgresql/VERSION/bin} (Debian keeps them there, off the PATH), then on the PATH.
     */
    public static Optional<String> unavailable() {
        return binaries().isPresent() ? Optional.empty()
                : Optional.of("PostgreSQL's server binaries (initdb, pg_ctl) are not installed: apt-get install -y postgresql "
                + "(or run scripts/prerequisites.sh)");
    }

    public static boolean available() {
        return unavailable().isEmpty();
    }

    /**
     * Skips the calling test when the binaries are missing, saying why; under {@code CI=true} it
     * fails instead: CI installs them, so their absence there is a broken build, not a reason to skip.
     */
    public static void assumeAvailable() {
        Optional<String> reason = unavailable();
        if (reason.isPresent()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true and " + reason.get());
            }
            Assumptions.abort(reason.get());
        }
    }

    /** Makes a cluster in {@code folder} (which it may own entirely) and starts it; {@link #assumeAvailable()} first. */
    public static PostgresServer start(Path folder) {
        assumeAvailable();
        Path bin = binaries().orElseThrow();
        try {
            Files.createDirectories(folder);
            if (AS_POSTGRES) {
                reachable(folder.toAbsolutePath());
            }
            Path data = folder.resolve("pgdata");
            Files.createDirectories(data);
            String superPassword = secret();
            Path pwfile = folder.resolve("pwfile");
            Files.writeString(pwfile, superPassword + "\n");
            if (AS_POSTGRES) {
                run(List.of("chown", "postgres:postgres", data.toString(), pwfile.toString(), folder.toString()));
            }
            run(command(bin, "initdb", "-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + pwfile, "--auth-host=scram-sha-256",
                    "--auth-local=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-instructions"));
            Files.delete(pwfile);
            IOException last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                int port = freePort();
                Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                        "", "# PostgresServer (tests)", "listen_addresses = '127.0.0.1'", "port = " + port,
                        "unix_socket_directories = ''", "max_connections = 200", "fsync = on", ""),
                        java.nio.file.StandardOpenOption.APPEND);
                var server = new PostgresServer(bin, data, port, superPassword, secret());
                try {
                    server.startServer();
                    server.createUser();
                    return server;
                } catch (IOException e) { // most likely the port was taken meanwhile: try another
                    last = e;
                }
            }
            throw new IllegalStateException("cannot start PostgreSQL in " + data, last);
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a PostgreSQL cluster in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * The postgres user must be able to reach its data folder: the folders on the way that lie in the
     * temporary folder (a test's own, made private) are opened for passing through (o+x), nothing else.
     */
    private static void reachable(Path folder) throws IOException {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        for (Path dir = folder; dir != null; dir = dir.getParent()) {
            var permissions = new java.util.HashSet<>(Files.getPosixFilePermissions(dir));
            if (permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                continue;
            }
            if (!dir.startsWith(temporary) || dir.equals(temporary)) {
                throw new IOException("the postgres user cannot reach " + folder + " (" + dir + " is closed to others): "
                        + "give PostgresServer a folder under " + temporary);
            }
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(dir, permissions);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The URL of the test user's first database, as users write it: {@code postgresql://127.0.0.1:PORT/tilework?user=tilework}. */
    public String url() {
        return url(DATABASE);
    }

    public String url(String database) {
        return "postgresql://" + host() + ":" + port + "/" + database + "?user=" + USER;
    }

    /** The test user's password (tests hand it to the store; users put theirs in PGPASSWORD or ~/.pgpass). */
    public String password() {
        return password;
    }

    /** A new empty database owned by the test user; returns its URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name " + name + ": use lower-case letters, digits and _");
        }
        superuser("CREATE DATABASE " + name + " OWNER " + USER);
        return url(name);
    }

    /** {@code pg_ctl restart -m fast}: every connection is cut, the server comes back on the same port. */
    public void restart() {
        try {
            pgCtl("restart", "-m", "fast", "-w", "-t", "60", "-l", logFile.toString());
            running = true;
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart PostgreSQL in " + data + ": " + e.getMessage(), e);
        }
    }

    /** {@code pg_ctl stop -m fast}: the server is down until {@link #startAgain()}. */
    public void stop() {
        try {
            pgCtl("stop", "-m", "fast", "-w", "-t", "60");
            running = false;
        } catch (IOException e) {
            throw new IllegalStateException("cannot stop PostgreSQL in " + data + ": " + e.getMessage(), e);
        }
    }

    /** Starts the server again after {@link #stop()}. */
    public void startAgain() {
        try {
            startServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL in " + data + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (running) {
            stop();
        }
    }

    private void startServer() throws IOException {
        pgCtl("start", "-w", "-t", "60", "-l", logFile.toString());
        running = true;
    }

    private void createUser() throws IOException {
        try {
            superuser("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
            superuser("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void superuser(String sql) {
        var properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", superPassword);
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port + "/postgres", properties);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on port " + port + ": " + e.getMessage(), e);
        }
    }

    private void pgCtl(String... arguments) throws IOException {
        var all = new ArrayList<>(List.of("-D", data.toString()));
        all.addAll(List.of(arguments));
        try {
            run(command(bin, "pg_ctl", all.toArray(String[]::new)));
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "\nserver log " + logFile + ":\n" + tail(logFile), e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static List<String> command(Path bin, String tool, String... arguments) {
        var command = new ArrayList<String>();
        if (AS_POSTGRES) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String secret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Optional<Path> binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(PostgresServer::major));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException ignored) {
                // fall through to the PATH
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                Path bin = Path.of(entry);
                if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))) {
                    return Optional.of(bin);
                }
            }
        }
        return Optional.empty();
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
