package io.tilework.bench.process;

import io.tilework.process.store.InMemoryProcessStore;
import io.tilework.process.store.ProcessStore;
import io.tilework.process.store.SqliteProcessStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The store a process benchmark runs on, empty: a new SQLite file under the work folder (an earlier run's removed), or memory. */
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
            default -> throw new IllegalArgumentException("store kind must be sqlite or memory, not " + kind);
        };
    }
}
