package io.tilework.process.store;

import java.nio.file.Path;

/**
 * What {@code --store} names: a SQLite file (the embedded default) or a PostgreSQL database
 * ({@code postgresql://HOST[:PORT]/DB[?user=NAME]}, shared by several engines and the server).
 */
public sealed interface StoreLocation permits StoreLocation.SqliteFile, PostgresLocation {

    /** A {@code postgresql://} or {@code postgres://} URL, else a file path. */
    static StoreLocation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no store given: name a SQLite file or postgresql://HOST[:PORT]/DB[?user=NAME]");
        }
        if (PostgresLocation.isUrl(text)) {
            return PostgresLocation.parse(text);
        }
        if (text.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("unknown store URL " + text.replaceFirst("//[^/@]*@", "//")
                    + ": give a SQLite file path or postgresql://HOST[:PORT]/DB[?user=NAME]");
        }
        return new SqliteFile(Path.of(text));
    }

    /** Opens the store (a SQLite file is created if missing; see {@link PostgresProcessStore#open} for a database). */
    ProcessStore open();

    /** How messages name it: the file, or the URL without any password. */
    String describe();

    /** The embedded store in one SQLite file. */
    record SqliteFile(Path file) implements StoreLocation {

        @Override
        public ProcessStore open() {
            return SqliteProcessStore.open(file);
        }

        @Override
        public String describe() {
            return file.toString();
        }
    }
}
