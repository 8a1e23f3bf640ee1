package io.tilework.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code tilework} command line in a JVM of its own, as a user runs it: for what only another
 * process shows (two writers at once, {@code kill -9}, everything printed to stderr including logs).
 * Its output goes to files under {@code logs}, so a chatty child never blocks on a full pipe.
 */
public final class ChildTilework {

    /** A finished run: exit code, standard output and error. */
    public record Result(int exit, String out, String err) {
    }

    /** A running child and where its output goes. */
    public record Running(Process process, Path out, Path err) {

        public Result await() throws IOException, InterruptedException {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("tilework child still running after 180 s; stderr: " + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }

    private ChildTilework() {
    }

    /** Starts {@code tilework ARGS...}; its output goes to {@code logs/NAME.out} and {@code .err}. */
    public static Running start(Path logs, String name, String... args) throws IOException {
        Files.createDirectories(logs);
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-XX:TieredStopAtLevel=1", Tilework.class.getName()));
        command.addAll(List.of(args));
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        var builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("TILEWORK_ERROR_LOG", logs.resolve(name + "-error.log").toAbsolutePath().toString()); // not the user's log
        Process process = builder.start();
        return new Running(process, out, err);
    }

    /** Runs {@code tilework ARGS...} to its end. */
    public static Result run(Path logs, String name, String... args) throws IOException, InterruptedException {
        return start(logs, name, args).await();
    }
}
