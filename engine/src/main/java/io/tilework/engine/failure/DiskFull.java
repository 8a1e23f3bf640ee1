package io.tilework.engine.failure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Writing a file failed because its disk (or the user's quota on it) is full. The user fixes it by
 * freeing space or writing elsewhere, so it is a {@link UserFailure}; the message names the file,
 * the space left and what to do, in one line and without the writer's jargon (GDAL's "dirty
 * block", Java's exception names). What was written of the file has been removed by then, and an
 * earlier file under the same name is intact (see {@code io.tilework.engine.io.AtomicFile}).
 */
public final class DiskFull extends UserFailure {

    /**
     * A failed write on a disk with less than this free is taken as the disk being full even when
     * the writer did not say so: GDAL reports a failed block write without the system's reason.
     */
    public static final long LOW_SPACE_BYTES = 16L << 20;

    private final Path file;
    private final long usableBytes;

    private DiskFull(Path file, long usableBytes, Throwable cause) {
        super("cannot write " + file + ": the disk is full (" + bytes(usableBytes) + " free on the file system of "
                + existingAncestor(file.getParent() == null ? file : file.getParent()) + "); free some space there or choose an output on another disk, then run the command again",
                cause);
        this.file = file;
        this.usableBytes = usableBytes;
    }

    /** The file that was being written. */
    public Path file() {
        return file;
    }

    /** The bytes the file system still offered when the write failed. */
    public long usableBytes() {
        return usableBytes;
    }

    /**
     * Tells whether {@code failure}, raised while writing {@code file}, means the disk is full: the
     * system said so ("No space left on device", "Disk quota exceeded"), GDAL or SQLite did ("free
     * disk space", "database or disk is full"), or a write failed with less than {@link #LOW_SPACE_BYTES} left. Call it before the
     * partial file is deleted, so the space it takes counts as used.
     *
     * @return the failure to throw instead, or empty when something else went wrong
     */
    public static Optional<DiskFull> recognise(Path file, Throwable failure) {
        if (failure instanceof DiskFull full) {
            return Optional.of(full);
        }
        boolean saysFull = false;
        boolean isWrite = false;
        for (Throwable t : chain(failure)) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            saysFull |= message.contains("no space left on device") || message.contains("disk quota exceeded")
                    || message.contains("disk space") || message.contains("disk is full"); // the last: SQLite (GeoPackage, MBTiles)
            isWrite |= t instanceof IOException || message.contains("writ");
        }
        long usable = usableSpace(file);
        if (saysFull || (isWrite && usable >= 0 && usable < LOW_SPACE_BYTES)) {
            return Optional.of(new DiskFull(file.toAbsolutePath(), Math.max(usable, 0), failure));
        }
        return Optional.empty();
    }

    /** The bytes usable on the file system of {@code file} (or its nearest existing folder); -1 if unknown. */
    public static long usableSpace(Path file) {
        try {
            return Files.getFileStore(existingAncestor(file)).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** A size for people: "812 B", "71.2 MB" (powers of 1000). */
    public static String bytes(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static Path existingAncestor(Path file) {
        Path at = file.toAbsolutePath();
        while (at.getParent() != null && !Files.exists(at)) {
            at = at.getParent();
        }
        return at;
    }

    /** The failure, its causes and what was suppressed in them, each once. */
    private static Iterable<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var todo = new ArrayDeque<Throwable>();
        todo.add(failure);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (seen.add(t)) {
                if (t.getCause() != null) {
                    todo.add(t.getCause());
                }
                Collections.addAll(todo, t.getSuppressed());
            }
        }
        return seen;
    }
}
