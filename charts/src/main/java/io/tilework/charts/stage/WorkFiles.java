package io.tilework.charts.stage;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The rule every stage writes by: an output is written under a temporary name in its final
 * folder and renamed into place when complete, so an output that exists is whole. A killed run
 * leaves only temporary files, which the next run deletes.
 */
public final class WorkFiles {

    private static final String PART = ".part-";
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** Writes one output file. */
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    private WorkFiles() {
    }

    /** Writes {@code target} through {@code writer} and moves it into place; nothing is left on failure. */
    public static void writeAtomically(Path target, Writer writer) throws IOException {
        Files.createDirectories(target.getParent());
        // The temporary name keeps the extension: GDAL's drivers look at it.
        Path temporary = target.resolveSibling(PART + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet()
                + "-" + target.getFileName());
        try {
            writer.write(temporary);
            moveAtomically(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + source + " to " + target + " atomically; keep the work folder on the product's file system", e);
        }
    }

    /** Deletes what killed runs left half-written under {@code folder}. */
    public static int deleteTemporaries(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(PART)).toList()) {
                Files.deleteIfExists(file);
                deleted++;
            }
        }
        return deleted;
    }
}
