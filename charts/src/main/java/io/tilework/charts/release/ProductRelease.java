package io.tilework.charts.release;

import io.tilework.charts.ChartProduction;
import io.tilework.charts.failure.ProductRequestInvalid;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Copies a chart product (its MBTiles, GeoPackage and summary; not its work files) to a release
 * folder, whole or not at all: the files are copied into a staging folder beside the release
 * folder, synced, and the staging folder is renamed to the release folder in one step. An existing
 * release folder is refused unless {@code replace}: it is then moved aside, the new one renamed in,
 * and the old one deleted, so the release name always holds one whole release.
 */
public final class ProductRelease {

    /** What was released. */
    public record Released(Path release, List<String> files, long bytes, boolean replaced) {
    }

    private ProductRelease() {
    }

    public static Released run(Path product, Path release, boolean replace) throws IOException {
        var files = new ArrayList<Path>();
        for (String name : List.of(ChartProduction.MBTILES, ChartProduction.GEOPACKAGE, ChartProduction.SUMMARY)) {
            Path file = product.resolve(name);
            if (Files.isRegularFile(file)) {
                files.add(file);
            }
        }
        if (!files.contains(product.resolve(ChartProduction.GEOPACKAGE)) || !files.contains(product.resolve(ChartProduction.SUMMARY))) {
            throw new ProductRequestInvalid(product + " holds no whole chart product (" + ChartProduction.GEOPACKAGE + " and "
                    + ChartProduction.SUMMARY + "); give the folder charts.produce wrote (its out)");
        }
        boolean exists = Files.exists(release);
        if (exists && !replace) {
            throw new ProductRequestInvalid(release + " exists already; give another release folder, or replace: true to replace it");
        }
        Path parent = release.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Path staging = parent.resolve("." + release.getFileName() + ".tw-staging-" + unique);
        long bytes = 0;
        var names = new ArrayList<String>();
        try {
            Files.createDirectory(staging);
            for (Path file : files) {
                Path copy = staging.resolve(file.getFileName());
                Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                bytes += Files.size(copy);
                names.add(file.getFileName().toString());
            }
            if (exists) {
                Path old = parent.resolve("." + release.getFileName() + ".tw-replaced-" + unique);
                move(release, old);
                move(staging, release);
                delete(old);
            } else {
                move(staging, release);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ProductRequestInvalid(release + " appeared while the release was staged; nothing was released");
        } finally {
            if (Files.exists(staging)) {
                delete(staging); // a failed copy leaves nothing behind
            }
        }
        return new Released(release, List.copyOf(names), bytes, exists);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " in one step: " + e.getMessage(), e);
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
