package io.tilework.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A tiny RAM disk ({@code mount -t tmpfs -o size=SIZE}) for tests of what happens when a disk is
 * full: a real file system that really runs out of space. Mounting needs root (as in CI); where it
 * is impossible, {@link #unavailable()} says why, so a test can skip with that reason. Close it to
 * unmount.
 */
public final class SmallDisk implements AutoCloseable {

    private static volatile Optional<String> unavailable;

    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code size} ({@code mount}'s syntax: "2m", "512k") at {@code directory}, created if missing. */
    public static SmallDisk mount(Path directory, String size) throws IOException {
        Files.createDirectories(directory);
        run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", directory.toString()));
        return new SmallDisk(directory);
    }

    /** Empty when a tmpfs can be mounted here; otherwise why not (not root, no mount command, a container without the right). */
    public static Optional<String> unavailable() {
        if (unavailable == null) {
            Optional<String> reason;
            try {
                Path probe = Files.createTempDirectory("tilework-small-disk-probe");
                try (var disk = mount(probe, "64k")) {
                    reason = Optional.empty();
                } finally {
                    Files.deleteIfExists(probe);
                }
            } catch (IOException e) {
                reason = Optional.of("cannot mount a tmpfs to fill a disk (needs root): " + e.getMessage());
            }
            unavailable = reason;
        }
        return unavailable;
    }

    public Path path() {
        return mountPoint;
    }

    /** Fills the disk with a file of {@code bytes} (e.g. to leave only a little space). */
    public Path fill(String name, long bytes) throws IOException {
        Path file = mountPoint.resolve(name);
        try (var out = Files.newOutputStream(file)) {
            byte[] block = new byte[8192];
            for (long left = bytes; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        run(List.of("umount", mountPoint.toString()));
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " interrupted", e);
        } finally {
            process.destroyForcibly();
        }
    }
}
