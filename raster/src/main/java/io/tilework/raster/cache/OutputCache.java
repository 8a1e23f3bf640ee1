package io.tilework.raster.cache;

import io.tilework.engine.TaskKey;
import io.tilework.engine.io.AtomicFile;
import io.tilework.engine.io.Leftovers;
import java.io.IOException;
import java.io.Reader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole output files kept beside a recipe's tiles ({@code DIR/outputs/}), so that writing the same
 * raster with the same options again costs a hard link instead of reassembling every tile: what a
 * build cache does with its outputs. An output is kept as a second name of the file just written
 * (no copy, no extra space while the output exists) with a stamp of its size, modification time
 * and file identity; a kept output whose stamp no longer matches (the output was edited in place)
 * is dropped, never served. Only the {@value #KEPT} most recently kept outputs stay.
 *
 * <p>Where a hard link is impossible (the cache on another file system), nothing is kept and
 * every write reassembles its tiles, as without this cache.
 */
public final class OutputCache {

    private static final Logger LOG = LoggerFactory.getLogger(OutputCache.class);
    static final int KEPT = 4;
    private static final String OUTPUT = ".tif";
    private static final String STAMP = ".stamp";

    private final Path directory;
    private final boolean overwrite;

    private OutputCache(Path directory, boolean overwrite) {
        this.directory = directory;
        this.overwrite = overwrite;
    }

    /**
     * The outputs kept in the cache directory {@code cacheDirectory} (its {@code outputs/} folder).
     *
     * @param overwrite reuse nothing kept before; keep what is written now
     */
    public static OutputCache in(Path cacheDirectory, boolean overwrite) {
        Path outputs = cacheDirectory.resolve("outputs");
        Leftovers.sweep(outputs); // links and stamps half-made by killed runs
        return new OutputCache(outputs, overwrite);
    }

    /** The key of an output: what was written (a raster's identity) and how (format, options, versions). */
    public static String key(String content, String format) {
        return TaskKey.digest(Objects.requireNonNull(content) + "\n" + Objects.requireNonNull(format));
    }

    /**
     * Gives {@code temp} the contents of the output kept under {@code key}, as a hard link.
     *
     * @return whether it did; false when nothing valid is kept (a stale entry is removed)
     */
    public boolean linkTo(String key, Path temp) {
        Path kept = directory.resolve(key + OUTPUT);
        Path stamp = directory.resolve(key + STAMP);
        if (overwrite) {
            return false;
        }
        if (!Files.exists(stamp)) {
            deleteQuietly(kept); // left by a keep that stopped before its stamp: never served, so not kept either
            return false;
        }
        try {
            Files.deleteIfExists(temp);
            Files.createLink(temp, kept);
            // The link is the kept file itself: its attributes are the entry's, checked after linking
            // so that a file replaced meanwhile is caught too.
            if (readStamp(stamp).equals(Stamp.of(temp))) {
                return true;
            }
            LOG.info("Output cache {}: {} changed since it was kept (edited in place?); it is dropped", directory, kept);
        } catch (NoSuchFileException e) {
            LOG.debug("Output cache {}: {} is gone", directory, kept);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Output cache {}: cannot reuse {} ({}); the output is written again", directory, kept, e.toString());
        }
        deleteQuietly(temp);
        deleteQuietly(stamp);
        deleteQuietly(kept);
        return false;
    }

    /** Keeps {@code written}, a complete output, under {@code key}: a hard link and its stamp. */
    public void keep(String key, Path written) {
        Path kept = directory.resolve(key + OUTPUT);
        Path stamp = directory.resolve(key + STAMP);
        try {
            Files.createDirectories(directory);
            deleteQuietly(stamp); // an old stamp must never vouch for the new file
            try (AtomicFile link = AtomicFile.begin(kept)) {
                Files.createLink(link.path(), written);
                link.commit();
            }
            writeStamp(stamp, Stamp.of(kept));
            evictOldest();
        } catch (IOException | UnsupportedOperationException e) {
            // another file system or no hard links there: writes simply keep reassembling tiles
            LOG.debug("Output cache {}: cannot keep {} ({})", directory, written, e.toString());
        }
    }

    private void evictOldest() throws IOException {
        List<Path> stamps = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + STAMP)) {
            entries.forEach(stamps::add);
        }
        if (stamps.size() <= KEPT) {
            return;
        }
        stamps.sort(Comparator.comparingLong(OutputCache::modifiedMillis).reversed());
        for (Path stamp : stamps.subList(KEPT, stamps.size())) {
            String name = stamp.getFileName().toString();
            deleteQuietly(stamp);
            deleteQuietly(directory.resolve(name.substring(0, name.length() - STAMP.length()) + OUTPUT));
        }
    }

    private static long modifiedMillis(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE; // gone: evicted first
        }
    }

    /** What identifies one version of a file: size, modification time (ns) and file identity (device, inode). */
    record Stamp(long size, long modifiedNanos, String fileKey) {

        static Stamp of(Path file) throws IOException {
            var attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    String.valueOf(attributes.fileKey()));
        }
    }

    private static Stamp readStamp(Path file) throws IOException {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        try {
            return new Stamp(Long.parseLong(properties.getProperty("size")),
                    Long.parseLong(properties.getProperty("modifiedNanos")), properties.getProperty("fileKey"));
        } catch (NumberFormatException e) {
            throw new IOException("unreadable stamp " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeStamp(Path file, Stamp stamp) throws IOException {
        var properties = new Properties();
        properties.setProperty("size", Long.toString(stamp.size()));
        properties.setProperty("modifiedNanos", Long.toString(stamp.modifiedNanos()));
        properties.setProperty("fileKey", stamp.fileKey());
        AtomicFile.write(file, out -> {
            var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            properties.store(writer, "Tilework output cache: the kept output's size, time and identity");
        });
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Output cache: cannot delete {} ({})", file, e.toString());
        }
    }

    Path directory() {
        return directory;
    }
}
