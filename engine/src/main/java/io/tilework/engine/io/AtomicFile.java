package io.tilework.engine.io;

import io.tilework.engine.failure.DiskFull;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way Tilework puts a file under its final name, so that a file that exists is whole: a
 * crash, a kill, a full disk or a failing writer leaves the earlier file (or none), never a part.
 *
 * <ol>
 *   <li>The content goes to a temporary sibling of the target with a name no other writer picks,
 *       {@code .NAME.tw-PID-RANDOM.part} (see {@link Leftovers}, which removes those of dead
 *       processes); {@link #begin} keeps the target's extension at the end
 *       ({@code .slope.tif.tw-4242-….part.tif}) because GDAL's drivers choose by it.</li>
 *   <li>The temporary file is forced to disk ({@code fsync}).</li>
 *   <li>It is renamed over the target with {@code ATOMIC_MOVE}: POSIX {@code rename(2)} replaces
 *       the name in one step, so a reader opens the old file or the new one, never a mix, and an
 *       open reader keeps its file. The folder is then forced too where the system allows, so the
 *       rename itself survives a power cut.</li>
 *   <li>On any failure the temporary file is deleted; a failure that is the disk filling up is
 *       thrown as {@link DiskFull}, naming the target and the space left.</li>
 * </ol>
 *
 * <p><b>Concurrent writers: the last complete write wins.</b> Two writers of one target (threads
 * or processes) each write their own temporary file and each rename a whole file; whichever
 * renames last is what the target holds afterwards, and no reader ever sees a mix. Neither fails
 * because of the other. Tilework's writers of one target write the same content (a content key,
 * the same command), so which one wins does not matter.
 *
 * <p>Three shapes: {@link #write(Path, byte[])} for bytes, {@link #write(Path, StreamContent)} and
 * {@link #writeChannel} for content produced through a stream or a channel, and {@link #begin} for
 * a file another component writes by name (GDAL, SQLite, Jackson, a hard link):
 * {@snippet :
 * try (AtomicFile file = AtomicFile.begin(target)) {
 *     try {
 *         gdalCreateCopy(file.path());
 *     } catch (RuntimeException e) {
 *         file.failIfDiskFull(e);   // a full disk becomes DiskFull, naming the target
 *         throw e;
 *     }
 *     file.commit();                // fsync, then rename over the target
 * }                                 // close() deletes the temporary file unless committed
 * }
 * An instance belongs to one thread.
 */
public final class AtomicFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFile.class);
    /** Early write-backs, one thread for the process: they wait on the disk, not on a core. */
    private static final ExecutorService WRITE_BACK = Executors.newSingleThreadExecutor(runnable ->
            Thread.ofPlatform().daemon().name("tilework-write-back").unstarted(runnable));

    /**
     * How far a write goes to survive a power cut. Either way the rename is atomic, so a reader
     * never sees a part; the difference is only what a power cut (not a crash or a kill: the
     * kernel still has the data then) can leave behind.
     */
    public enum Durability {
        /** File and folder forced to disk before the write returns: the target holds the content, whole. */
        FORCED,
        /**
         * Not forced: after a power cut the target may be empty or torn. Only for content whose
         * reader checks it (a checksum) and can make it again, like the chunk store's entries:
         * an fsync per 1 MiB tile cost the compute threads more than computing it.
         */
        CHECKED_BY_READER
    }

    /** Writes a file's content to a stream (buffered; closing it only flushes it). */
    @FunctionalInterface
    public interface StreamContent {
        void write(OutputStream out) throws IOException;
    }

    /** Writes a file's content to a channel open for writing at position 0. */
    @FunctionalInterface
    public interface ChannelContent {
        void write(FileChannel channel) throws IOException;
    }

    /** Creates the file at a path (the temporary one) by other means: GDAL, SQLite, a JSON writer. */
    @FunctionalInterface
    public interface FileContent {
        void write(Path temporary) throws IOException;
    }

    private final Path target;
    private final Path temporary;
    private boolean committed;
    private CompletableFuture<Void> writeBack;

    private AtomicFile(Path target, boolean keepExtension) throws IOException {
        this.target = Objects.requireNonNull(target, "target").toAbsolutePath().normalize();
        Path folder = this.target.getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
        }
        String name = this.target.getFileName().toString();
        this.temporary = folder.resolve(TempName.fresh(name, TempName.PART, keepExtension ? TempName.extensionOf(this.target) : "").toString());
    }

    /**
     * Starts a write of {@code target} whose content someone else creates at {@link #path()}; the
     * folder is created if missing. Nothing exists at {@code path()} yet.
     */
    public static AtomicFile begin(Path target) throws IOException {
        return new AtomicFile(target, true);
    }

    /** Writes {@code bytes} as the whole content of {@code target}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        writeChannel(target, channel -> {
            var buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    /** Writes {@code target}'s content through a buffered stream. */
    public static void write(Path target, StreamContent content) throws IOException {
        writeChannel(target, channel -> {
            var buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            // The writer may close what it wraps around the stream; the channel must stay open for the fsync.
            var unclosable = new FilterOutputStream(buffered) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            };
            content.write(unclosable);
            buffered.flush();
        });
    }

    /** Writes {@code target}'s content through a file channel. */
    public static void writeChannel(Path target, ChannelContent content) throws IOException {
        writeChannel(target, content, Durability.FORCED);
    }

    /** Writes {@code target}'s content through a file channel, as far to disk as {@code durability} says. */
    public static void writeChannel(Path target, ChannelContent content, Durability durability) throws IOException {
        try (var file = new AtomicFile(target, false)) {
            try {
                try (var channel = FileChannel.open(file.temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    content.write(channel);
                    if (durability == Durability.FORCED) {
                        channel.force(true);
                    }
                }
                file.rename(durability);
            } catch (IOException | RuntimeException e) {
                file.failIfDiskFull(e);
                throw e;
            }
        }
    }

    /** Writes {@code target} by having {@code content} create the file at a temporary path (extension kept). */
    public static void writeFile(Path target, FileContent content) throws IOException {
        try (var file = begin(target)) {
            try {
                content.write(file.temporary);
            } catch (IOException | RuntimeException e) {
                file.failIfDiskFull(e);
                throw e;
            }
            file.commit();
        }
    }

    /**
     * Starts writing what is at {@link #path()} so far to disk on another thread, so that the
     * fsync of {@link #commit()} has only the rest left: for a large file written over seconds
     * (a raster output), forcing it all at the end cost a fifth of the run. At most one runs
     * at a time per file; a failure is left for {@link #commit()} to meet and report.
     */
    public void startWriteBack() {
        if (writeBack != null && !writeBack.isDone()) {
            return;
        }
        Path file = temporary;
        writeBack = CompletableFuture.runAsync(() -> {
            try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.force(false);
            } catch (IOException | UnsupportedOperationException e) {
                LOG.trace("early write-back of {} failed ({}); the commit forces it", file, e.toString());
            }
        }, WRITE_BACK);
    }

    /** Where the content goes until {@link #commit()}: a sibling of the target, unique to this write. */
    public Path path() {
        return temporary;
    }

    /** The final name. */
    public Path target() {
        return target;
    }

    /**
     * Forces the file at {@link #path()} to disk and renames it over the target. Afterwards the
     * target holds this content, unless another writer commits later (the last complete write wins).
     *
     * @throws NoSuchFileException if nothing was written at {@link #path()}
     * @throws DiskFull            if the disk filled up meanwhile
     */
    public void commit() throws IOException {
        if (committed) {
            throw new IllegalStateException(target + " was already committed");
        }
        try {
            try (var channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            rename(Durability.FORCED);
        } catch (IOException e) {
            failIfDiskFull(e);
            throw e;
        }
    }

    /**
     * Throws {@link DiskFull} naming the target if {@code failure}, raised while writing it, means
     * the disk is full; returns otherwise. Call it before {@link #close()}, which frees the space
     * the partial file took.
     */
    public void failIfDiskFull(Throwable failure) {
        var full = DiskFull.recognise(target, failure);
        if (full.isPresent()) {
            throw full.get();
        }
    }

    /** Deletes the temporary file unless the write was committed; safe to call twice. */
    @Override
    public void close() {
        if (!committed) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // the failure being reported matters more; Leftovers removes the file once this process is gone
                LOG.debug("cannot delete the temporary file {} ({})", temporary, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "AtomicFile[" + temporary.getFileName() + " -> " + target + (committed ? ", committed]" : "]");
    }

    private void rename(Durability durability) throws IOException {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
        // rename(2) does nothing when both names are links to one file (a kept output linked over
        // itself): the target already holds the content, and the temporary name must go.
        Files.deleteIfExists(temporary);
        if (durability == Durability.FORCED) {
            forceFolder(target.getParent());
        }
    }

    /** Makes a rename durable: fsync of the folder, which Linux allows through a read-only handle and other systems may not. */
    private static void forceFolder(Path folder) {
        try (var channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.trace("cannot force folder {} ({}); the rename is atomic but may not survive a power cut", folder, e.toString());
        }
    }
}
