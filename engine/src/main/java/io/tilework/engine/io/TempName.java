package io.tilework.engine.io;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The name of a temporary file or work folder, which says whose it is:
 * {@code .BASE.tw-PID-RANDOM.KIND[EXTENSION]}, e.g. {@code .slope.tif.tw-4242-00c0ffee12345678.part.tif}.
 * The process id lets {@link Leftovers} tell a live writer's file from a dead one's; the random
 * part keeps two writers (threads or processes) of one target apart; the leading dot hides it.
 *
 * @param base      the target's file name (or a work folder's label), shortened if very long
 * @param pid       the owner process on this host
 * @param random    16 hex digits
 * @param kind      {@link #PART} (a file being written) or {@link #WORK} (a work folder)
 * @param extension the target's extension kept at the end (".tif"), or ""
 */
record TempName(String base, long pid, String random, String kind, String extension) {

    static final String PART = "part";
    static final String WORK = "work";
    /** File names are at most 255 bytes; the decoration takes about 50. */
    private static final int MAX_BASE = 150;
    private static final Pattern FORMAT = Pattern.compile(
            "\\.(?<base>.+)\\.tw-(?<pid>\\d{1,19})-(?<random>[0-9a-f]{16})\\.(?<kind>part|work)(?<extension>\\.[^.]*)?");

    /** A fresh name of this process for {@code base}. */
    static TempName fresh(String base, String kind, String extension) {
        String shortened = base.length() > MAX_BASE ? base.substring(0, MAX_BASE) : base;
        return new TempName(shortened, ProcessHandle.current().pid(),
                HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()), kind, extension);
    }

    /** The name's parts, if {@code fileName} is such a name. */
    static Optional<TempName> parse(String fileName) {
        var matcher = FORMAT.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String extension = matcher.group("extension");
        return Optional.of(new TempName(matcher.group("base"), Long.parseLong(matcher.group("pid")), matcher.group("random"),
                matcher.group("kind"), extension == null ? "" : extension));
    }

    /** The extension of {@code target}'s name including its dot ("" if none), as GDAL's drivers read it. */
    static String extensionOf(Path target) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : "";
    }

    @Override
    public String toString() {
        return "." + base + ".tw-" + pid + "-" + random + "." + kind + extension;
    }
}
