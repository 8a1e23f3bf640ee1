package io.tilework.server.security;

import io.tilework.server.api.ApiFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The one folder whose files a server's jobs may read and write. A path given over HTTP is taken
 * relative to it (or absolute inside it); {@code ..} segments that leave it, and symbolic links
 * anywhere on the way that point out of it, are refused. Glob patterns are checked on the part
 * before their first wildcard, which is where they start to search.
 */
public final class DataRoot {

    private final Path root;
    private final List<Path> reserved;

    private DataRoot(Path root, List<Path> reserved) {
        this.root = root;
        this.reserved = reserved;
    }

    /** The root at {@code folder}, which must exist; symbolic links in its own path are resolved once, here. */
    public static DataRoot at(Path folder) {
        try {
            return new DataRoot(folder.toRealPath(), List.of());
        } catch (IOException e) {
            throw new IllegalArgumentException("--data-root " + folder + ": no such folder; create it or give another one", e);
        }
    }

    /**
     * The same root with {@code paths} kept from every parameter: the server's own state (job
     * records, the process store and its companions), which no job may read or overwrite.
     */
    public DataRoot reserving(List<Path> paths) {
        return new DataRoot(root, paths.stream().map(p -> p.toAbsolutePath().normalize()).toList());
    }

    public Path path() {
        return root;
    }

    /**
     * The absolute path {@code text} names under the root; an {@link ApiFailure} (400) naming the
     * parameter when it leaves the root by {@code ..}, by being absolute elsewhere, or through a link.
     */
    public Path resolve(String text, String parameter) {
        if (text == null || text.isBlank()) {
            throw ApiFailure.badRequest("parameter '" + parameter + "' is empty; give a path under the data root");
        }
        if (text.indexOf('\0') >= 0) {
            throw ApiFailure.badRequest("parameter '" + parameter + "' contains a NUL character");
        }
        Path given = Path.of(text);
        Path candidate = (given.isAbsolute() ? given : root.resolve(given)).normalize();
        if (!candidate.startsWith(root)) {
            throw outside(text, parameter, "it leaves the data root");
        }
        for (Path kept : reserved) {
            // a reserved file also keeps its companions (process.db-wal, process.db-shm, process.db.lock)
            boolean companion = candidate.getParent() != null && candidate.getParent().equals(kept.getParent())
                    && candidate.getFileName().toString().startsWith(kept.getFileName().toString());
            if (candidate.startsWith(kept) || companion) {
                throw ApiFailure.badRequest("parameter '" + parameter + "' is " + text + ": it is the server's own state ("
                        + relative(kept) + "), which jobs may not touch");
            }
        }
        // Every existing ancestor (and the path itself) must stay inside once links are followed.
        for (Path step = candidate; step != null && step.startsWith(root); step = step.getParent()) {
            if (Files.exists(step, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    if (!step.toRealPath().startsWith(root)) {
                        throw outside(text, parameter, "a symbolic link in it points out of the data root");
                    }
                } catch (IOException e) {
                    throw ApiFailure.badRequest("parameter '" + parameter + "': cannot follow " + root.relativize(step) + ": " + e.getMessage());
                }
            }
        }
        return candidate;
    }

    /** Like {@link #resolve}, for a path a job writes: the root itself may not be one (a job may replace what it writes). */
    public Path resolveOutput(String text, String parameter) {
        Path candidate = resolve(text, parameter);
        if (candidate.equals(root)) {
            throw outside(text, parameter, "a job may not write the data root itself; name a folder or file inside it");
        }
        return candidate;
    }

    /** {@code pattern} (a path that may hold {@code * ? [}) resolved like {@link #resolve}, checked up to its first wildcard. */
    public String resolvePattern(String pattern, String parameter) {
        int wildcard = firstWildcard(pattern);
        if (wildcard < 0) {
            return resolve(pattern, parameter).toString();
        }
        int cut = pattern.lastIndexOf('/', wildcard);
        String fixed = cut < 0 ? "." : pattern.substring(0, Math.max(cut, 1));
        String rest = cut < 0 ? pattern : pattern.substring(cut + 1);
        if (rest.contains("..")) {
            throw outside(pattern, parameter, "'..' after a wildcard");
        }
        return resolve(fixed, parameter).resolve(rest).toString();
    }

    /** {@code path} relative to the root, for answers that must not show the server's folders. */
    public String relative(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString().replace('\\', '/') : absolute.getFileName().toString();
    }

    private static int firstWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }

    private ApiFailure outside(String text, String parameter, String why) {
        return ApiFailure.badRequest("parameter '" + parameter + "' is " + text + ": " + why
                + "; paths are relative to the data root (--data-root) and must stay inside it");
    }
}
