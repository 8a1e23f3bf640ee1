package io.tilework.engine.io;

import io.tilework.engine.failure.DiskFull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what killed processes left in a folder: the temporary files of {@link AtomicFile}
 * ({@code .NAME.tw-PID-RANDOM.part}) and the work folders made by {@link #newWorkFolder}
 * ({@code .LABEL.tw-PID-RANDOM.work}, e.g. the sales report's spill files). Every command that
 * opens a folder to write in it (an output folder, a cache, a work area) sweeps it first.
 *
 * <p>A leftover is removed when its owner is gone:
 * <ul>
 *   <li>no process with its pid runs on this host ({@code ProcessHandle.of(pid)} is empty or dead);</li>
 *   <li>or the process with that pid started after the leftover was last written (the pid was reused);</li>
 *   <li>or it was last written more than {@link #MAX_AGE} (24 hours) ago: a writer on another
 *       machine sharing the folder, whose pid means nothing here, or one that stopped writing.
 *       For a work folder, "written" is the newest time of the folder and of what it holds.</li>
 * </ul>
 * Anything else belongs to a live writer and is left alone, including this process's own. Files
 * that do not have the name pattern are never touched. How much was removed is logged at INFO
 * ("removed 3 leftovers (71.2 MB) of processes no longer running") and returned.
 *
 * <p>Limit: pids are this host's. Machines that share a folder and write in it at the same time
 * (a future cluster on a shared mount) could remove each other's temporary files; the writer
 * concerned then fails its rename with a clear error rather than producing a partial file.
 */
public final class Leftovers {

    /** After this long without a write, a temporary file or work folder is taken as abandoned, whoever its owner. */
    public static final Duration MAX_AGE = Duration.ofHours(24);
    /** {@code ProcessHandle}'s start time is computed from the boot time in whole seconds: allow that much. */
    private static final Duration START_TIME_SLACK = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    /** What one sweep removed. */
    public record Swept(int count, long bytes) {

        public static final Swept NOTHING = new Swept(0, 0);

        Swept plus(Swept other) {
            return new Swept(count + other.count, bytes + other.bytes);
        }

        /** "removed 3 leftovers (71.2 MB) of processes no longer running", or "" when nothing was removed. */
        public String describe() {
            return count == 0 ? "" : "removed " + count + (count == 1 ? " leftover" : " leftovers") + " (" + DiskFull.bytes(bytes)
                    + ") of processes no longer running";
        }
    }

    private Leftovers() {
    }

    /** Sweeps {@code folder} itself (not its subfolders); see {@link #sweep(Path, int)}. */
    public static Swept sweep(Path folder) {
        return sweep(folder, 1);
    }

    /**
     * Removes the leftovers of dead processes in {@code folder} and in its subfolders down to
     * {@code depth} levels (1: the folder's own entries); logs and returns what it removed. A
     * missing folder holds nothing. Symbolic links are not followed.
     */
    public static Swept sweep(Path folder, int depth) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return Swept.NOTHING;
        }
        Swept swept = sweep(folder, depth, Instant.now());
        if (swept.count() > 0) {
            LOG.info("{}: {}", folder, swept.describe());
        }
        return swept;
    }

    /**
     * Makes a work folder in {@code parent} that {@link #sweep} removes once this process is gone:
     * {@code .LABEL.tw-PID-RANDOM.work}. The caller deletes it when done ({@link #deleteTree}).
     */
    public static Path newWorkFolder(Path parent, String label) throws IOException {
        Files.createDirectories(parent);
        return Files.createDirectory(parent.resolve(TempName.fresh(label, TempName.WORK, "").toString()));
    }

    /** Whether {@code file}'s name is one of an {@link AtomicFile} temporary file or a work folder: not content. */
    public static boolean isTemporary(Path file) {
        return file.getFileName() != null && TempName.parse(file.getFileName().toString()).isPresent();
    }

    /** Deletes {@code path} and, if it is a folder, everything in it; returns the bytes of the files removed. */
    public static long deleteTree(Path path) throws IOException {
        long[] bytes = {0};
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (Files.deleteIfExists(file)) {
                        bytes[0] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException _) {
            // already gone
        }
        return bytes[0];
    }

    private static Swept sweep(Path folder, int depth, Instant now) {
        Swept swept = Swept.NOTHING;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                Optional<TempName> name = TempName.parse(child.getFileName().toString());
                if (name.isPresent()) {
                    swept = swept.plus(removeIfAbandoned(child, name.get(), now));
                } else if (depth > 1 && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    swept = swept.plus(sweep(child, depth - 1, now));
                }
            }
        } catch (NoSuchFileException _) {
            // removed while we looked: nothing left to sweep
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + " to remove leftovers of killed runs (" + e.getMessage()
                    + "); check the folder's permissions", e);
        }
        return swept;
    }

    private static Swept removeIfAbandoned(Path leftover, TempName name, Instant now) {
        try {
            Instant written = lastWritten(leftover);
            if (!abandoned(name.pid(), written, now)) {
                return Swept.NOTHING;
            }
            long bytes = deleteTree(leftover);
            LOG.debug("removed {} ({} bytes) of process {}, last written {}", leftover, bytes, name.pid(), written);
            return new Swept(1, bytes);
        } catch (NoSuchFileException _) {
            return Swept.NOTHING; // its owner renamed or removed it meanwhile
        } catch (IOException e) {
            LOG.warn("cannot remove {}, left by a process no longer running ({}); delete it by hand", leftover, e.getMessage());
            return Swept.NOTHING;
        }
    }

    /** Whether a leftover of process {@code pid}, last written at {@code written}, has no live owner. */
    static boolean abandoned(long pid, Instant written, Instant now) {
        if (written.isBefore(now.minus(MAX_AGE))) {
            return true;
        }
        Optional<ProcessHandle> owner = ProcessHandle.of(pid);
        if (owner.isEmpty() || !owner.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = owner.get().info().startInstant();
        return started.isPresent() && started.get().isAfter(written.plus(START_TIME_SLACK));
    }

    /** The newest modification time of {@code path} and, for a folder, of its direct entries. */
    private static Instant lastWritten(Path path) throws IOException {
        var attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        FileTime newest = attributes.lastModifiedTime();
        if (attributes.isDirectory()) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                for (Path child : children) {
                    try {
                        FileTime modified = Files.getLastModifiedTime(child, LinkOption.NOFOLLOW_LINKS);
                        if (modified.compareTo(newest) > 0) {
                            newest = modified;
                        }
                    } catch (NoSuchFileException _) {
                        // its owner deleted it meanwhile
                    }
                }
            }
        }
        return newest.toInstant();
    }
}
