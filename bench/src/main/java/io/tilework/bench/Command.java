package io.tilework.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** An external program run to completion, e.g. {@code gdal_translate}, with extra environment. */
record Command(List<String> arguments, Map<String, String> environment) {

    Command {
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }

    /** What it ran and printed, and the wall time from launch to exit. */
    record Result(String output, long nanos) {
    }

    /** Runs the program; throws if it cannot start or exits with a failure. */
    Result run() throws InterruptedException {
        var builder = new ProcessBuilder(arguments).redirectErrorStream(true);
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            long nanos = System.nanoTime() - start;
            if (exit != 0) {
                throw new IllegalStateException(this + " exited with " + exit + ": " + output.strip());
            }
            return new Result(output, nanos);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + this + " (is it on the PATH?)", e);
        }
    }

    @Override
    public String toString() {
        var shown = new StringBuilder();
        environment.forEach((key, value) -> shown.append(key).append('=').append(value).append(' '));
        for (String argument : arguments) {
            shown.append(argument.isEmpty() ? "''" : argument).append(' ');
        }
        return shown.toString().strip();
    }
}
