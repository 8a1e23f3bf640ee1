package io.tilework.engine.store;

import io.tilework.engine.io.AtomicFile;
import io.tilework.engine.io.Leftovers;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where things live in a store directory (layout 1), and the marker file that says so.
 *
 * <pre>
 * &lt;root&gt;/tilework-store.properties        layout=1
 * &lt;root&gt;/&lt;first 2 hex of id&gt;/&lt;id&gt;.chunk      one entry, see {@link EntryFormat}
 * &lt;root&gt;/&lt;first 2 hex of id&gt;/.&lt;id&gt;.chunk.tw-&lt;pid&gt;-&lt;random&gt;.part   an entry being written (AtomicFile)
 * </pre>
 *
 * <p>The 256 shard directories keep any one directory small enough for every file system, and are
 * never deleted, so a writer never races a remover for its parent. Readers and eviction look only
 * at {@code .chunk} names; temporary files belong to their writer until they are renamed, or
 * until they are old enough to be a killed writer's leftovers.
 */
final class StoreLayout {

    static final int VERSION = 1;
    static final String MARKER = "tilework-store.properties";
    static final String CHUNK_SUFFIX = ".chunk";
    /** The temporary files of layout 1 before {@link AtomicFile}: {@code <id>.chunk.<pid>-<thread>-<random>.tmp}. */
    static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");

    private final Path root;

    private StoreLayout(Path root) {
        this.root = root;
    }

    /** A file of the store as one directory listing saw it. */
    record StoredFile(Path path, long size, FileTime modified) {

        String name() {
            return path.getFileName().toString();
        }

        boolean isEntry() {
            return name().endsWith(CHUNK_SUFFIX) && !isTemp();
        }

        /** A file being written (or left by a killed writer), of either naming. */
        boolean isTemp() {
            return name().endsWith(TEMP_SUFFIX) || Leftovers.isTemporary(path);
        }

        /** The entry's {@code TaskKey.id()}, taken from its file name. */
        String id() {
            return name().substring(0, name().length() - CHUNK_SUFFIX.length());
        }
    }

    /**
     * Creates the directory and its marker if needed, and checks that it holds a store this code
     * can use.
     *
     * @throws IllegalArgumentException if the path is a file, a directory with other content, or a
     *                                  store of a newer or unknown layout
     * @throws UncheckedIOException     if the directory or marker cannot be created or read
     */
    static StoreLayout prepare(Path root) {
        try {
            Files.createDirectories(root);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("Chunk store path " + root
                    + " exists but is not a directory; pass a directory (it is created if missing)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create chunk store directory " + root + " (" + e
                    + "); check that its parent is writable or choose another directory", e);
        }
        var layout = new StoreLayout(root);
        Path marker = root.resolve(MARKER);
        if (!layout.listRoot().contains(marker)) {
            layout.writeMarker(marker);
        }
        layout.checkMarker(marker);
        return layout;
    }

    Path root() {
        return root;
    }

    Path entryPath(String id) {
        return root.resolve(id.substring(0, 2)).resolve(id + CHUNK_SUFFIX);
    }

    /**
     * Every regular file in the shard directories, plus temporary files at the root. Files that
     * vanish while listed (another process evicting) are left out; that is no error.
     */
    List<StoredFile> scan() throws IOException {
        var files = new ArrayList<StoredFile>();
        for (Path child : listRoot()) {
            String name = child.getFileName().toString();
            if (name.endsWith(TEMP_SUFFIX) || Leftovers.isTemporary(child)) {
                addIfPresent(child, files);
            } else if (SHARD.matcher(name).matches() && Files.isDirectory(child)) {
                try (DirectoryStream<Path> shard = Files.newDirectoryStream(child)) {
                    shard.forEach(path -> addIfPresent(path, files));
                } catch (NoSuchFileException _) {
                    // removed by hand while we listed it: nothing to count
                }
            }
        }
        return files;
    }

    private static void addIfPresent(Path path, List<StoredFile> files) {
        try {
            var attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (attributes.isRegularFile()) {
                files.add(new StoredFile(path, attributes.size(), attributes.lastModifiedTime()));
            }
        } catch (IOException _) {
            // gone since the listing (evicted or renamed by another process): not ours to count
        }
    }

    private List<Path> listRoot() {
        try (var children = Files.list(root)) {
            return children.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list chunk store directory " + root + " (" + e
                    + "); check its permissions", e);
        }
    }

    /**
     * Claims an empty directory for the store. A directory with other content is refused, so that
     * a mistyped path never turns someone's files into a cache. Several processes may race here;
     * each writes the same marker through {@link AtomicFile} (the last one wins; all are equal).
     */
    private void writeMarker(Path marker) {
        var foreign = listRoot().stream()
                .filter(path -> !path.equals(marker) && !path.getFileName().toString().endsWith(TEMP_SUFFIX) && !Leftovers.isTemporary(path))
                .limit(3).toList();
        if (!foreign.isEmpty() && !Files.exists(marker)) {
            throw new IllegalArgumentException("Directory " + root + " is not empty and is not a Tilework chunk store (no "
                    + MARKER + "; it holds e.g. " + foreign + "); choose an empty or new directory for the store");
        }
        String text = """
                # Tilework chunk store: entries live in <first 2 hex of id>/<id>.chunk.
                # See io.tilework.engine.store.DiskChunkStore. Delete the whole directory to empty the store.
                layout=%d
                """.formatted(VERSION);
        try {
            AtomicFile.write(marker, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write chunk store marker " + marker + " (" + e
                    + "); check that the directory is writable", e);
        }
    }

    private void checkMarker(Path marker) {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException("Cannot read chunk store marker " + marker + " (" + e
                    + "); check its permissions, or delete the store directory to start afresh",
                    e instanceof IOException io ? io : new IOException(e));
        }
        String value = properties.getProperty("layout", "").strip();
        int layout;
        try {
            layout = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Chunk store marker " + marker + " has no valid 'layout=<number>' line (found '"
                    + value + "'); it was not written by Tilework: delete the directory or choose another one", e);
        }
        if (layout > VERSION) {
            throw new IllegalArgumentException("Chunk store " + root + " has layout " + layout
                    + ", newer than layout " + VERSION + " that this Tilework reads; use a newer Tilework"
                    + " or another store directory");
        }
        if (layout < 1) {
            throw new IllegalArgumentException("Chunk store " + root + " has unknown layout " + layout
                    + "; delete the directory or choose another one");
        }
    }

    static boolean deleteQuietly(Path path) {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException _) {
            return false;
        }
    }
}
