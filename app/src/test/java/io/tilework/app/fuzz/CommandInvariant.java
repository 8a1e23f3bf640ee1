package io.tilework.app.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tilework.app.CommandRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What every run of a command on a damaged input must satisfy, whatever the input: exit 0 or 1
 * (never 3, the exit of a defect, never an exception out of the command); on 1, one line of error,
 * short and printable, that names the input file; no temporary file or work folder left in the
 * output folder; and the files that were there before, other than those the command documents it
 * replaces on failure, unchanged. The heap is the fuzz tests' JVM's, set like the launcher's.
 */
public final class CommandInvariant {

    /** An error line longer than this is not "one line a person can act on". */
    static final int MAX_ERROR_LINE = 600;

    /** The names engine's TempName gives: {@code .BASE.tw-PID-RANDOM.part[EXT]} and {@code .work} folders. */
    private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern.compile("\\..+\\.tw-\\d+-[0-9a-f]{16}\\.(part|work)(\\..*)?");

    private CommandInvariant() {
    }

    /**
     * Runs {@code args} and checks the invariant.
     *
     * @param input       the damaged file, which an error must name
     * @param out         the command's output folder (may not exist)
     * @param replaceable names of files in {@code out} that a failed run may replace (e.g. {@code rejects.csv})
     * @return the run, for checks of the target's own
     */
    public static CommandRun holds(Path input, Path out, Set<String> replaceable, String... args) {
        Map<String, byte[]> before = contents(out);
        CommandRun run = CommandRun.run(args);
        if (run.exit() != 0 && run.exit() != 1) {
            fail("exit " + run.exit() + " (0 or 1 expected) for " + String.join(" ", args) + ":\n" + run.err());
        }
        if (run.exit() == 1) {
            String[] lines = run.err().lines().filter(line -> !line.isBlank()).toArray(String[]::new);
            assertEquals(1, lines.length, "one line of error expected:\n" + run.err());
            String line = lines[0];
            assertTrue(line.contains(input.getFileName().toString()), "the error does not name " + input.getFileName() + ": " + line);
            assertTrue(line.length() <= MAX_ERROR_LINE, "an error line of " + line.length() + " characters: " + line.substring(0, Math.min(200, line.length())) + "...");
            assertTrue(line.chars().allMatch(c -> c >= 0x20 && c != 0x7F), "control characters in the error line: " + escaped(line));
            Map<String, byte[]> after = contents(out);
            for (var file : before.entrySet()) {
                if (!replaceable.contains(file.getKey())) {
                    byte[] now = after.get(file.getKey());
                    assertTrue(now != null && Arrays.equals(file.getValue(), now), file.getKey() + " was changed by a run that failed");
                }
            }
        }
        assertEquals(Set.of(), leftovers(out), "temporary files or work folders left in " + out);
        return run;
    }

    /** Names in {@code out} of the atomic writer's temporary files and the work folders of runs. */
    static Set<String> leftovers(Path out) {
        if (!Files.isDirectory(out)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> TEMPORARY.matcher(name).matches())
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> contents(Path out) {
        var files = new TreeMap<String, byte[]>();
        if (!Files.isDirectory(out)) {
            return files;
        }
        try (Stream<Path> list = Files.list(out)) {
            for (Path file : list.filter(Files::isRegularFile).toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String escaped(String line) {
        var text = new StringBuilder();
        line.chars().limit(200).forEach(c -> text.append(c < 0x20 || c == 0x7F ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return text.toString();
    }
}
