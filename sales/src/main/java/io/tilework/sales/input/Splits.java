package io.tilework.sales.input;

import io.tilework.sales.failure.SalesInputInvalid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Cuts input files into byte-range {@link Split}s of about a target size, never reading them. */
public final class Splits {

    /** Big enough that a split's overhead is small, small enough to keep two cores busy on one file. */
    public static final long DEFAULT_BYTES = 8L << 20;
    static final long MAX_BYTES = 1L << 30;

    private Splits() {
    }

    public static List<Split> plan(List<Path> files, long targetBytes) {
        if (targetBytes < 1024 || targetBytes > MAX_BYTES) {
            throw new SalesInputInvalid("split size must be between 1 KiB and " + (MAX_BYTES >> 20) + " MiB, not " + targetBytes);
        }
        var splits = new ArrayList<Split>();
        for (int file = 0; file < files.size(); file++) {
            Path path = files.get(file);
            long size;
            try {
                size = Files.size(path);
            } catch (IOException e) {
                throw new UncheckedIOException(path + ": cannot read (" + e.getMessage() + ")", e);
            }
            if (isGzip(path)) {
                splits.add(new Split(splits.size(), file, path, 0, size, true, true));
                continue;
            }
            long start = 0;
            do {
                long end = Math.min(size, start + targetBytes);
                splits.add(new Split(splits.size(), file, path, start, end, false, start == 0));
                start = end;
            } while (start < size);
        }
        return List.copyOf(splits);
    }

    /** Whether {@code path} is read through gzip (by its name, as users name such files). */
    public static boolean isGzip(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** One split over all of a file: for reading rows back by their offsets. */
    public static Split wholeFile(int file, Path path) throws IOException {
        return new Split(-1, file, path, 0, Files.size(path), isGzip(path), true);
    }
}
