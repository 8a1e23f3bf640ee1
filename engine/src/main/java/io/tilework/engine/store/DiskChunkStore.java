package io.tilework.engine.store;

import io.tilework.engine.TaskKey;
import io.tilework.engine.event.EngineEvent.CacheCorrupt;
import io.tilework.engine.event.EngineEvent.CacheHit;
import io.tilework.engine.event.EngineEvent.CacheMiss;
import io.tilework.engine.event.EngineEvent.Evicted;
import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.event.EngineListener;
import io.tilework.engine.io.AtomicFile;
import io.tilework.engine.io.Leftovers;
import io.tilework.engine.store.EntryFormat.CorruptEntryException;
import io.tilework.engine.store.StoreLayout.StoredFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChunkStore} in a directory, shared safely by the threads of this process, by other
 * processes on the host and by cluster members that mount the directory.
 *
 * <h2>Layout</h2>
 * One file per entry, {@code <dir>/<first 2 hex of id>/<id>.chunk} with {@code id =}
 * {@link TaskKey#id()}, and a marker {@code tilework-store.properties} at the root naming the
 * layout version. A directory with a newer layout is refused rather than misread, and a non-empty
 * directory without a marker is refused rather than turned into a cache (see {@link StoreLayout};
 * the entry bytes are described in {@link EntryFormat}).
 *
 * <h2>Atomicity</h2>
 * A put writes header, key and payload through {@link AtomicFile}: a temporary file beside the
 * target with a name no other process or thread chooses ({@code .ID.chunk.tw-PID-RANDOM.part},
 * which readers and eviction ignore), then renamed over the target with one
 * atomic {@code rename(2)}; a reader opens either the old file or the new one, never a partial
 * one, and an open reader keeps reading its file even if it is replaced or deleted meanwhile.
 * Concurrent puts of one key each rename a whole file; the last one wins, and all hold the same
 * value because keys are content keys. A writer killed halfway leaves only its temporary file,
 * which {@link #open} removes once its process is gone ({@link Leftovers}); files of the older
 * {@code .tmp} naming are deleted once older than {@value #STALE_TEMP_MINUTES} minutes.
 * Entries are not forced to disk ({@link AtomicFile.Durability#CHECKED_BY_READER}): a power cut
 * can leave one empty or torn, which its checksum reveals on the first read and the engine then
 * computes again; an fsync per entry cost the compute threads more than computing most tiles.
 *
 * <h2>Verification</h2>
 * Every read checks the header, the length and the stored key (a misplaced file or an id
 * collision is caught). The CRC32C of the whole entry is checked on the first read of each entry
 * in this process, and again whenever the file's identity, size or modification time differs from
 * the one verified, so a file rewritten by anyone is re-checked; unchanged files are not hashed
 * twice. A corrupt entry is deleted (it may already be gone), logged, reported as
 * {@link CacheCorrupt} followed by {@link CacheMiss}, and read as absent so the caller recomputes.
 *
 * <h2>Eviction</h2>
 * The quota bounds the bytes of entry files. Recency lives in the file system so every process
 * shares it: a read sets the entry's modification time to now, at most once per
 * {@value #TOUCH_INTERVAL_SECONDS} seconds per entry (recency is needed at minute grain, not as a
 * metadata write on every hit). Each process keeps a running estimate of the size; when a put takes
 * it over the quota, one thread at a time lists the directory (other processes add and remove
 * entries, so only a fresh count is trustworthy), and deletes the entries with the oldest
 * modification times, never the one just written, until the size is at most
 * {@value #LOW_WATER_PERCENT}% of the quota; the slack means a full store is not rescanned on every
 * put. Each deletion emits {@link Evicted}. Files another process deletes first are simply
 * skipped. An entry larger than the whole quota is not stored at all (it would evict everything
 * else and then be the first victim); the put returns normally and later gets miss.
 *
 * <h2>Failures</h2>
 * A put that cannot write throws {@link UncheckedIOException} ({@link io.tilework.engine.failure.DiskFull}
 * when the disk is full) and leaves no file behind. A get that
 * cannot read for a reason other than corruption (permissions, I/O errors) logs a warning and
 * misses, as a cache should. Listener exceptions are logged and never reach the store.
 */
public final class DiskChunkStore implements ChunkStore {

    static final int STALE_TEMP_MINUTES = 15;
    static final int TOUCH_INTERVAL_SECONDS = 60;
    static final int LOW_WATER_PERCENT = 90;
    /** Entries are read into one array, which a JVM cannot make much larger than this. */
    private static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 64;
    private static final Logger LOG = LoggerFactory.getLogger(DiskChunkStore.class);

    private final StoreLayout layout;
    private final long quotaBytes;
    private final EngineListener listener;
    private final AtomicLong sizeBytes = new AtomicLong();
    /** The files this process has checksummed, by entry id; pruned whenever eviction lists the directory. */
    private final Map<String, Stamp> verified = new ConcurrentHashMap<>();
    /** Serialises eviction in this process; other processes may evict at the same time. */
    private final ReentrantLock evictionLock = new ReentrantLock();
    private final AtomicBoolean oversizeReported = new AtomicBoolean();
    private volatile boolean closed;

    /** What identifies one version of a file: a rewritten or replaced file has another stamp. */
    private record Stamp(Object fileKey, long size, FileTime modified) {

        static Stamp of(BasicFileAttributes attributes) {
            return new Stamp(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
        }
    }

    private DiskChunkStore(StoreLayout layout, long quotaBytes, EngineListener listener) {
        this.layout = layout;
        this.quotaBytes = quotaBytes;
        this.listener = listener;
    }

    /**
     * Opens (and if needed creates) the store in {@code directory}: deletes temporary files left by
     * killed writers, counts the entries and evicts down to the quota if it was lowered.
     *
     * @param directory  the store's directory; created if missing, must otherwise be a store or empty
     * @param quotaBytes the most bytes of entries to keep; positive
     * @param listener   receives cache events on the calling thread
     * @throws IllegalArgumentException if the quota is not positive, or the directory is a file, holds
     *                                  other content or a store of a newer layout
     * @throws UncheckedIOException     if the directory cannot be created, listed or marked
     */
    public static DiskChunkStore open(Path directory, long quotaBytes, EngineListener listener) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(listener, "listener (pass event -> {} to ignore events)");
        if (quotaBytes <= 0) {
            throw new IllegalArgumentException("Chunk store quota must be positive, got " + quotaBytes + " bytes for "
                    + directory + "; use ChunkStore.none() to store nothing");
        }
        var store = new DiskChunkStore(StoreLayout.prepare(directory.toAbsolutePath().normalize()), quotaBytes, listener);
        Leftovers.sweep(store.layout.root(), 2); // temporary files of killed writers, at the root and in the shards
        List<StoredFile> files = store.scan();
        store.deleteStaleTemps(files);
        store.evict(files.stream().filter(StoredFile::isEntry).toList(), null);
        LOG.debug("Opened chunk store {}: {} of {} bytes in use", store.layout.root(), store.sizeBytes(), quotaBytes);
        return store;
    }

    @Override
    public Optional<byte[]> get(TaskKey key) {
        Objects.requireNonNull(key, "key");
        ensureOpen();
        String id = key.id();
        Path path = layout.entryPath(id);
        byte[] file = null;
        try {
            var attributes = Files.readAttributes(path, BasicFileAttributes.class);
            file = Files.readAllBytes(path);
            var stamp = Stamp.of(attributes);
            byte[] payload = EntryFormat.payload(file, key, !stamp.equals(verified.get(id)));
            touch(id, path, attributes);
            emit(new CacheHit(key, payload.length));
            return Optional.of(payload);
        } catch (NoSuchFileException _) {
            // absent, or evicted by another process between our two calls: a miss either way
        } catch (CorruptEntryException e) {
            discard(key, path, file.length, e.getMessage());
        } catch (IOException e) {
            if (e instanceof ClosedByInterruptException) { // the task was cancelled: nobody needs the value
                LOG.debug("Chunk store {}: read of {} interrupted", layout.root(), path);
            } else if (Files.isDirectory(path)) { // put there by hand or by another program: not ours to delete
                LOG.warn("Chunk store {}: {} is a directory, not a cache entry; left as it is, its chunk is computed (remove it to cache "
                        + "the chunk again)", layout.root(), path);
            } else {
                LOG.warn("Chunk store {}: cannot read {} for {} ({}); treating it as a miss", layout.root(), path, key, e.toString());
            }
        }
        emit(new CacheMiss(key));
        return Optional.empty();
    }

    @Override
    public void put(TaskKey key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        ensureOpen();
        byte[] keyBytes = EntryFormat.keyBytes(key);
        long entryBytes = EntryFormat.entryBytes(keyBytes.length, value.length);
        if (entryBytes > quotaBytes || entryBytes > MAX_ENTRY_BYTES) {
            reportOversize(key, entryBytes);
            return;
        }
        String id = key.id();
        Path path = layout.entryPath(id);
        try {
            if (!Files.isDirectory(path.getParent())) { // createDirectories throws (and catches) when it exists
                Files.createDirectories(path.getParent());
            }
            long replaced = sizeIfPresent(path);
            AtomicFile.writeChannel(path, channel -> {
                var buffers = EntryFormat.encode(keyBytes, value);
                for (long left = entryBytes; left > 0; ) {
                    left -= channel.write(buffers);
                }
            }, AtomicFile.Durability.CHECKED_BY_READER); // every entry's checksum is verified on first read

            verified.remove(id);
            sizeBytes.addAndGet(entryBytes - replaced);
        } catch (IOException e) {
            String advice = e instanceof ClosedByInterruptException ? "the thread was interrupted" : "check free space and permissions";
            throw new UncheckedIOException("Chunk store " + layout.root() + ": cannot store " + key + " (" + entryBytes
                    + " bytes) in " + path + " (" + e + "); " + advice, e);
        }
        if (sizeBytes.get() > quotaBytes) {
            evictAfterPut(id);
        }
    }

    @Override
    public long sizeBytes() {
        return sizeBytes.get();
    }

    /** The quota this store was opened with. */
    public long quotaBytes() {
        return quotaBytes;
    }

    /** The store's directory. */
    public Path directory() {
        return layout.root();
    }

    @Override
    public void close() {
        closed = true;
        verified.clear();
    }

    @Override
    public String toString() {
        return "DiskChunkStore[" + layout.root() + ", " + sizeBytes() + " of " + quotaBytes + " bytes]";
    }

    /** Where the entry for {@code key} lives; for tests. */
    Path entryPath(TaskKey key) {
        return layout.entryPath(key.id());
    }

    /**
     * Records a successful read: refreshes the entry's recency if it is older than the touch
     * interval, and remembers the file as verified. The stamp is taken after the touch (the file
     * system may round the time) and only if the file is still the one just read.
     */
    private void touch(String id, Path path, BasicFileAttributes read) {
        var stamp = Stamp.of(read);
        Instant now = Instant.now();
        if (read.lastModifiedTime().toInstant().isBefore(now.minusSeconds(TOUCH_INTERVAL_SECONDS))) {
            try {
                Files.setLastModifiedTime(path, FileTime.from(now));
                var touched = Stamp.of(Files.readAttributes(path, BasicFileAttributes.class));
                boolean sameFile = Objects.equals(touched.fileKey(), stamp.fileKey()) && touched.size() == stamp.size();
                stamp = sameFile ? touched : null;
            } catch (IOException e) {
                // gone (evicted meanwhile) or read-only store: the entry just keeps its old recency
                LOG.debug("Chunk store {}: cannot refresh the recency of {} ({})", layout.root(), path, e.toString());
            }
        }
        if (stamp != null) {
            verified.put(id, stamp);
        }
    }

    private void discard(TaskKey key, Path path, long fileBytes, String reason) {
        verified.remove(key.id());
        try {
            if (Files.deleteIfExists(path)) {
                sizeBytes.addAndGet(-fileBytes);
            }
            LOG.warn("Chunk store {}: deleted corrupt entry {} for {}: {}; it will be recomputed", layout.root(), path, key, reason);
        } catch (IOException e) {
            LOG.warn("Chunk store {}: entry {} for {} is corrupt ({}) and cannot be deleted ({}); it reads as a miss",
                    layout.root(), path, key, reason, e.toString());
        }
        emit(new CacheCorrupt(key, reason));
    }

    private void evictAfterPut(String justWritten) {
        evictionLock.lock();
        try {
            if (sizeBytes.get() > quotaBytes) { // another thread may have evicted while we waited
                evict(scan().stream().filter(StoredFile::isEntry).toList(), justWritten);
            }
        } finally {
            evictionLock.unlock();
        }
    }

    /**
     * Deletes the least recently used of {@code entries} (a fresh listing) until their total is at
     * the low-water mark, sparing {@code keep}; then takes that total as the size estimate.
     */
    private void evict(List<StoredFile> entries, String keep) {
        evictionLock.lock();
        try {
            long total = entries.stream().mapToLong(StoredFile::size).sum();
            if (total > quotaBytes) {
                long target = Math.round(quotaBytes * (LOW_WATER_PERCENT / 100.0));
                var oldestFirst = entries.stream()
                        .filter(entry -> !entry.id().equals(keep))
                        .sorted(Comparator.comparing(StoredFile::modified).thenComparing(StoredFile::name))
                        .iterator();
                while (total > target && oldestFirst.hasNext()) {
                    total -= evict(oldestFirst.next());
                }
            }
            sizeBytes.set(total);
            var onDisk = entries.stream().map(StoredFile::id).collect(Collectors.toSet());
            verified.keySet().retainAll(onDisk);
        } finally {
            evictionLock.unlock();
        }
    }

    /** Deletes one entry; returns the bytes it no longer takes (also when someone else deleted it first). */
    private long evict(StoredFile entry) {
        try {
            if (Files.deleteIfExists(entry.path())) {
                verified.remove(entry.id());
                emit(new Evicted(entry.id(), entry.size()));
            }
            return entry.size();
        } catch (IOException e) {
            LOG.warn("Chunk store {}: cannot evict {} ({}); it still counts against the quota", layout.root(), entry.path(), e.toString());
            return 0;
        }
    }

    private void deleteStaleTemps(List<StoredFile> files) {
        Instant staleBefore = Instant.now().minus(Duration.ofMinutes(STALE_TEMP_MINUTES));
        for (StoredFile file : files) {
            if (file.name().endsWith(StoreLayout.TEMP_SUFFIX) && file.modified().toInstant().isBefore(staleBefore) && StoreLayout.deleteQuietly(file.path())) {
                LOG.info("Chunk store {}: deleted {}, left by a writer that stopped at {}", layout.root(), file.path(), file.modified());
            }
        }
    }

    private List<StoredFile> scan() {
        try {
            return layout.scan();
        } catch (IOException e) {
            throw new UncheckedIOException("Chunk store " + layout.root() + ": cannot list its entries (" + e
                    + "); check the directory's permissions", e);
        }
    }

    private void reportOversize(TaskKey key, long entryBytes) {
        String message = "Chunk store {}: not storing {}: its {} bytes exceed the quota of {} bytes"
                + " (or the largest readable entry); raise the quota to cache such results";
        if (oversizeReported.compareAndSet(false, true)) {
            LOG.warn(message, layout.root(), key, entryBytes, quotaBytes);
        } else {
            LOG.debug(message, layout.root(), key, entryBytes, quotaBytes);
        }
    }

    /** The file's size, 0 when absent; without an exception per new entry, as Files.size would throw. */
    private static long sizeIfPresent(Path path) {
        return path.toFile().length();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Chunk store " + layout.root() + " is closed");
        }
    }

    private void emit(EngineEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            LOG.warn("Chunk store {}: listener {} failed on {}; the store carries on: {}", layout.root(), listener, event, e.toString());
            LOG.debug("Chunk store listener failed", e);
        }
    }
}
