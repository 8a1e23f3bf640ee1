package io.tilework.app.failure;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Where the details of a defect go, so a user sees one line and a bug report can still carry
 * the stack trace: {@code $XDG_STATE_HOME/tilework/tilework-error.log} (by default
 * {@code ~/.local/state/tilework/}), or {@code TILEWORK_ERROR_LOG} if set; the system's temporary
 * folder if neither can be written. Entries are appended; a log past 1 MiB starts again.
 *
 * @param file the log file
 */
public record DefectLog(Path file) {

    private static final long MAX_BYTES = 1 << 20;

    /** The log of this user, as the environment says. */
    public static DefectLog standard() {
        String chosen = System.getenv("TILEWORK_ERROR_LOG");
        if (chosen != null && !chosen.isBlank()) {
            return new DefectLog(Path.of(chosen));
        }
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state) : Path.of(System.getProperty("user.home"), ".local", "state");
        return new DefectLog(base.resolve("tilework").resolve("tilework-error.log"));
    }

    /**
     * Appends what happened, with the command line and the stack trace, and returns the file that
     * holds it (the temporary folder's {@code tilework-error.log} if this one cannot be written).
     */
    public Path record(Throwable defect, List<String> arguments, String version) {
        var trace = new StringWriter();
        defect.printStackTrace(new PrintWriter(trace));
        String entry = "=== " + Instant.now() + " " + version + "\ntilework " + String.join(" ", arguments) + "\n" + trace + "\n";
        try {
            return append(file, entry);
        } catch (IOException | RuntimeException e) {
            Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "tilework-error.log");
            try {
                return append(fallback, entry);
            } catch (IOException | RuntimeException again) {
                return null;
            }
        }
    }

    private static Path append(Path file, String entry) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // A log is appended to, never replaced: an interrupted entry only loses its own end.
        boolean restart = Files.exists(file) && Files.size(file) > MAX_BYTES;
        Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                restart ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
        return file.toAbsolutePath();
    }
}
