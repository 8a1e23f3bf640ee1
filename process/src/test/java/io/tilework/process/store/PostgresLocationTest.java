package io.tilework.process.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("--store: a PostgreSQL URL or a SQLite file; never a password in the URL or in what is shown")
class PostgresLocationTest {

    @Test
    @DisplayName("postgresql://HOST[:PORT]/DB[?user=NAME], postgres:// too; the port defaults to 5432, the user to the OS user")
    void parses() {
        var full = PostgresLocation.parse("postgresql://db.example:5433/tw?user=engine");
        assertEquals(new PostgresLocation("db.example", 5433, "tw", "engine", null), full);
        assertEquals("127.0.0.1:5433/tw", PostgresLocation.parse("postgres://127.0.0.1:5433/tw?user=x").address());
        var defaults = PostgresLocation.parse("postgresql://db.example/tw");
        assertEquals(5432, defaults.port());
        assertEquals(System.getProperty("user.name"), defaults.user());
        assertEquals("engine", PostgresLocation.parse("postgresql://engine@db.example/tw").user());
        assertEquals("::1", PostgresLocation.parse("postgresql://[::1]:6000/tw?user=x").host());
        assertEquals("jdbc:postgresql://[::1]:6000/tw", PostgresLocation.parse("postgresql://[::1]:6000/tw?user=x").jdbcUrl());
    }

    @Test
    @DisplayName("a password in the URL is refused, saying where it goes, without repeating it; neither toString nor describe shows one")
    void noPassword() {
        for (String url : new String[] {"postgresql://h/db?user=u&password=s3cret", "postgresql://u:s3cret@h/db"}) {
            var refused = assertThrows(IllegalArgumentException.class, () -> StoreLocation.parse(url));
            assertTrue(refused.getMessage().contains("PGPASSWORD") && refused.getMessage().contains("~/.pgpass"), refused.getMessage());
            assertFalse(refused.getMessage().contains("s3cret"), refused.getMessage());
        }
        var unknown = assertThrows(IllegalArgumentException.class, () -> StoreLocation.parse("postgresql://h/db?sslpassword=s3cret"));
        assertFalse(unknown.getMessage().contains("s3cret"), unknown.getMessage());
        var withPassword = PostgresLocation.parse("postgresql://h:1/db?user=u").withPassword("s3cret");
        assertFalse(withPassword.toString().contains("s3cret") || withPassword.describe().contains("s3cret"), withPassword.toString());
        assertEquals("postgresql://h:1/db?user=u", withPassword.toString());
    }

    @Test
    @DisplayName("anything else is a SQLite file; another scheme is refused")
    void files() {
        assertEquals(new StoreLocation.SqliteFile(Path.of("data/process.db")), StoreLocation.parse("data/process.db"));
        assertInstanceOf(PostgresLocation.class, StoreLocation.parse("postgres://h/db"));
        assertThrows(IllegalArgumentException.class, () -> StoreLocation.parse("mysql://h/db"));
        assertThrows(IllegalArgumentException.class, () -> StoreLocation.parse("postgresql://h"));
    }

    @Test
    @DisplayName("~/.pgpass: the first line that matches, '*' for any value, backslash escapes; ignored when others can read it")
    void passwordFile(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("PGPASSWORD") == null && System.getenv("PGPASSFILE") == null,
                "PGPASSWORD or PGPASSFILE is set in this environment: it would be used before ~/.pgpass");
        Path file = home.resolve(".pgpass");
        java.nio.file.Files.writeString(file, """
                # comment
                db.example:5432:other:u:not-this-one
                db.example:*:tw:u:pass\\:word
                *:*:*:\\*:star
                """);
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String previous = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            assertEquals("pass:word", PostgresLocation.parse("postgresql://db.example:5432/tw?user=u").resolvePassword().orElseThrow());
            assertEquals("star", PostgresLocation.parse("postgresql://h/db?user=*").resolvePassword().orElseThrow());
            assertTrue(PostgresLocation.parse("postgresql://h/db?user=v").resolvePassword().isEmpty(), "an escaped * is only a *");
            java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            var location = PostgresLocation.parse("postgresql://db.example:5432/tw?user=u");
            assertTrue(location.resolvePassword().isEmpty());
            assertTrue(location.passwordSources().contains("chmod 600 " + file), location.passwordSources());
        } finally {
            System.setProperty("user.home", previous);
        }
    }
}
