package io.tilework.app.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tilework serve}'s command line: what it refuses before listening, each with one line saying what to give. */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("another address than loopback without a token is refused, exit 2")
    void tokenBeyondLoopback() {
        CommandRun run = CommandRun.run("serve", "--data-root", dir.toString(), "--bind", "0.0.0.0", "--port", "0");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("needs --token or --token-file"), run.err());
    }

    @Test
    @DisplayName("a missing data root, an empty token file and --jobs 0 are usage errors; a store URL nothing answers is one line")
    void badOptions() throws Exception {
        CommandRun missing = CommandRun.run("serve", "--data-root", dir.resolve("nothing").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--data-root") && missing.err().contains("no such folder"), missing.err());
        Path empty = Files.writeString(dir.resolve("token"), "\n");
        CommandRun noToken = CommandRun.run("serve", "--data-root", dir.toString(), "--token-file", empty.toString());
        assertEquals(2, noToken.exit());
        assertTrue(noToken.err().contains("is empty"), noToken.err());
        // a store URL is taken; one where nothing listens fails at once, in one line naming where
        CommandRun url = CommandRun.run("serve", "--data-root", dir.toString(), "--store", "postgresql://127.0.0.1:1/tilework");
        assertEquals(1, url.exit(), url.err());
        assertTrue(url.err().contains("127.0.0.1:1") && url.err().strip().lines().count() == 1, url.err());
        CommandRun jobs = CommandRun.run("serve", "--data-root", dir.toString(), "--jobs", "0");
        assertEquals(2, jobs.exit());
        assertTrue(jobs.err().contains("--jobs must be at least 1"), jobs.err());
    }
}
