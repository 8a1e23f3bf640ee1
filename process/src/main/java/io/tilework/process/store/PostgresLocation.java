package io.tilework.process.store;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where a PostgreSQL process store is: {@code postgresql://HOST[:PORT]/DB[?user=NAME]} (or
 * {@code postgres://}). The password is never part of it: it comes from {@code PGPASSWORD}, else
 * from the password file ({@code PGPASSFILE}, else {@code ~/.pgpass}), as with libpq; only tests
 * give one explicitly ({@link #withPassword(String)}). {@link #toString()} never shows a password.
 *
 * @param user     the database user; libpq's default, the operating system's user name, when the URL names none
 * @param password the explicit password, or null to look it up when connecting
 */
public record PostgresLocation(String host, int port, String database, String user, String password) implements StoreLocation {

    public static final int DEFAULT_PORT = 5432;

    public PostgresLocation {
        if (host == null || host.isBlank() || database == null || database.isBlank() || user == null || user.isBlank()) {
            throw new IllegalArgumentException("a PostgreSQL location needs a host, a database and a user");
        }
    }

    /** True for the URLs this parses (the schemes {@code postgresql:} and {@code postgres:}). */
    public static boolean isUrl(String text) {
        return text.startsWith("postgresql://") || text.startsWith("postgres://");
    }

    /**
     * Reads {@code postgresql://HOST[:PORT]/DB[?user=NAME]}; {@code USER@HOST} also names the user.
     * A password in it is refused (command lines show in process lists and shell histories).
     */
    public static PostgresLocation parse(String url) {
        if (!isUrl(url)) {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + url + " (write postgresql://HOST[:PORT]/DB[?user=NAME])");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid PostgreSQL URL (" + e.getReason() + "): write postgresql://HOST[:PORT]/DB[?user=NAME]");
        }
        String user = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            if (userInfo.contains(":")) {
                throw passwordInUrl();
            }
            user = decode(userInfo);
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no host in " + redacted(url) + ": write postgresql://HOST[:PORT]/DB[?user=NAME]");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isBlank() || database.contains("/")) {
            throw new IllegalArgumentException("no database in " + redacted(url) + ": write postgresql://HOST[:PORT]/DB[?user=NAME]");
        }
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                if (parameter.isEmpty()) {
                    continue;
                }
                int equals = parameter.indexOf('=');
                String name = decode(equals < 0 ? parameter : parameter.substring(0, equals));
                String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
                switch (name) {
                    case "user" -> user = value;
                    case "password" -> throw passwordInUrl();
                    default -> throw new IllegalArgumentException("unknown parameter '" + name + "' in " + redacted(url)
                            + ": the only parameter is user (postgresql://HOST[:PORT]/DB?user=NAME)");
                }
            }
        }
        if (user == null || user.isBlank()) {
            user = System.getProperty("user.name");
        }
        return new PostgresLocation(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database, user, null);
    }

    private static IllegalArgumentException passwordInUrl() {
        return new IllegalArgumentException("a password does not go in the store URL (it would show in process lists, shell histories "
                + "and logs): put it in PGPASSWORD or in ~/.pgpass (a line HOST:PORT:DB:USER:PASSWORD, chmod 600), or PGPASSFILE");
    }

    /** The URL with everything after '?' and any user info dropped, for messages about a URL that could not be read. */
    private static String redacted(String url) {
        String text = url.replaceFirst("//[^/@]*@", "//");
        int query = text.indexOf('?');
        return query < 0 ? text : text.substring(0, query);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The same place with an explicit password: for tests and nothing user-facing. */
    public PostgresLocation withPassword(String password) {
        return new PostgresLocation(host, port, database, user, password);
    }

    /** {@code host:port/database}, how messages name the database. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    /** The connection properties: the user, the password found, and timeouts that keep a dead server from hanging a command. */
    public Properties connectionProperties() {
        var properties = new Properties();
        properties.setProperty("user", user);
        // Always set: without one the driver reads ~/.pgpass itself, even one that others can read (which libpq, and this, ignore).
        properties.setProperty("password", resolvePassword().orElse(""));
        properties.setProperty("ApplicationName", "tilework");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }

    /** The password: the explicit one, else {@code PGPASSWORD}, else the first matching line of the password file. */
    public Optional<String> resolvePassword() {
        if (password != null) {
            return Optional.of(password);
        }
        String environment = System.getenv("PGPASSWORD");
        if (environment != null && !environment.isEmpty()) {
            return Optional.of(environment);
        }
        Path file = passwordFile();
        if (file == null || !Files.isRegularFile(file) || !privateFile(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> fields = fields(line);
                if (fields.size() == 5 && matches(fields.get(0), host) && matches(fields.get(1), Integer.toString(port))
                        && matches(fields.get(2), database) && matches(fields.get(3), user)) {
                    return Optional.of(unescape(fields.get(4)));
                }
            }
        } catch (IOException ignored) {
            // an unreadable password file is as if there were none; the failed login then says where the password is looked for
        }
        return Optional.empty();
    }

    /** Where the password is looked for, for messages: never the password itself. */
    public String passwordSources() {
        if (password != null) {
            return "the password given by the test";
        }
        Path file = passwordFile();
        return "PGPASSWORD or " + (System.getenv("PGPASSFILE") != null ? "PGPASSFILE (" + file + ")" : "~/.pgpass") + ignoredPasswordFile();
    }

    /** "; FILE was ignored ..." when the password file is there but others can read it; else empty. */
    String ignoredPasswordFile() {
        Path file = passwordFile();
        return password == null && System.getenv("PGPASSWORD") == null && file != null && Files.isRegularFile(file) && !privateFile(file)
                ? "; " + file + " was ignored because others can read it: chmod 600 " + file : "";
    }

    private static Path passwordFile() {
        String configured = System.getenv("PGPASSFILE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String home = System.getProperty("user.home");
        return home == null ? null : Path.of(home, ".pgpass");
    }

    /** As libpq: a password file the group or others can read is ignored. */
    private static boolean privateFile(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return !permissions.contains(PosixFilePermission.GROUP_READ) && !permissions.contains(PosixFilePermission.OTHERS_READ)
                    && !permissions.contains(PosixFilePermission.GROUP_WRITE) && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return true;
        }
    }

    /** A password-file line's fields as written: split at each ':' that no backslash escapes. */
    private static List<String> fields(String line) {
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(c).append(line.charAt(++i));
            } else if (c == ':') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static String unescape(String field) {
        return field.replaceAll("\\\\(.)", "$1");
    }

    /** A bare '*' matches anything; an escaped one ({@code \*}) only a '*'. */
    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || unescape(pattern).equals(value);
    }

    /** Opens the store in this database (see {@link PostgresProcessStore#open}). */
    @Override
    public ProcessStore open() {
        return PostgresProcessStore.open(this);
    }

    @Override
    public String describe() {
        return toString();
    }

    /** {@code postgresql://host:port/database?user=name}: no password, ever. */
    @Override
    public String toString() {
        return "postgresql://" + address() + "?user=" + user;
    }

}
