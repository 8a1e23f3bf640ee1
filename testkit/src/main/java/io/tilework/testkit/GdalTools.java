package io.tilework.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs GDAL's own command-line tools (gdalinfo, gdal_translate, ogrinfo) as oracles for tests. */
public final class GdalTools {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GdalTools() {
    }

    /** Runs a command and returns its standard output; fails with its output if it exits non-zero. */
    public static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (is gdal-bin installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A tool's JSON output. */
    public static JsonNode json(String... command) {
        try {
            return JSON.readTree(run(command));
        } catch (IOException e) {
            throw new AssertionError("output of " + String.join(" ", command) + " is not JSON", e);
        }
    }

    /** {@code gdalinfo -json [extra...] path}. */
    public static JsonNode gdalinfo(String path, String... extra) {
        var command = new ArrayList<>(List.of("gdalinfo", "-json"));
        command.addAll(List.of(extra));
        command.add(path);
        return json(command.toArray(String[]::new));
    }
}
