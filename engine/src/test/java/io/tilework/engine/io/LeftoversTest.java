package io.tilework.engine.io;

import static io.tilework.engine.io.AtomicFileTest.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Leftovers")
class LeftoversTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("a dead process's temporary files and work folders are removed and counted; content and live owners' files stay")
    void deadOwner_removed_liveOwner_kept() throws Exception {
        long dead = deadPid();
        long me = ProcessHandle.current().pid();
        Files.writeString(temp.resolve("rejects.csv"), "content");
        Path deadFile = Files.write(temp.resolve(new TempName("rejects.csv", dead, "00000000000000aa", TempName.PART, "").toString()), new byte[1000]);
        Path deadFolder = Files.createDirectory(temp.resolve(new TempName("sales-work", dead, "00000000000000bb", TempName.WORK, "").toString()));
        Files.write(deadFolder.resolve("split-1.ids"), new byte[2000]);
        Files.createDirectory(deadFolder.resolve("deeper"));
        Files.write(deadFolder.resolve("deeper/x"), new byte[500]);
        Path mine = AtomicFile.begin(temp.resolve("report.json")).path();
        Files.writeString(mine, "being written");
        Path myFolder = Leftovers.newWorkFolder(temp, "sales-work");
        Path notOurs = Files.writeString(temp.resolve(".something.tw-1-xyz.part"), "not our pattern");

        Leftovers.Swept swept = Leftovers.sweep(temp);

        assertEquals(new Leftovers.Swept(2, 3500), swept);
        assertEquals("removed 2 leftovers (3.5 kB) of processes no longer running", swept.describe());
        assertFalse(Files.exists(deadFile));
        assertFalse(Files.exists(deadFolder));
        assertTrue(Files.exists(mine) && Files.isDirectory(myFolder) && Files.exists(notOurs));
        assertTrue(myFolder.getFileName().toString().startsWith(".sales-work.tw-" + me + "-"), myFolder.toString());
        assertEquals(Leftovers.Swept.NOTHING, Leftovers.sweep(temp), "a second sweep finds nothing");
    }

    @Test
    @DisplayName("a running process's temporary file is left alone until that process ends")
    void liveChildProcess_keptUntilItEnds() throws Exception {
        Process child = new ProcessBuilder("cat").start(); // runs until its input is closed
        try {
            Path file = Files.writeString(temp.resolve(new TempName("out.tif", child.pid(), "00000000000000cc", TempName.PART, ".tif").toString()), "x");
            assertEquals(Leftovers.Swept.NOTHING, Leftovers.sweep(temp));
            assertTrue(Files.exists(file));

            child.getOutputStream().close();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, Leftovers.sweep(temp).count());
            assertFalse(Files.exists(file));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    @DisplayName("a file older than the process now holding its pid (pid reused), or older than 24 h, is removed")
    void reusedPidOrOld_removed() throws IOException {
        long me = ProcessHandle.current().pid();
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        Path beforeIStarted = Files.writeString(temp.resolve(new TempName("a", me, "00000000000000dd", TempName.PART, "").toString()), "x");
        Files.setLastModifiedTime(beforeIStarted, FileTime.from(started.minus(Duration.ofMinutes(10))));
        Path fresh = Files.writeString(temp.resolve(new TempName("b", me, "00000000000000ee", TempName.PART, "").toString()), "x");

        assertEquals(1, Leftovers.sweep(temp).count());
        assertEquals(List.of(fresh.getFileName().toString()), names(temp));

        assertFalse(Leftovers.abandoned(me, Instant.now(), Instant.now()), "a live owner's fresh file");
        assertTrue(Leftovers.abandoned(me, Instant.now().minus(Duration.ofHours(25)), Instant.now()), "older than 24 h");
    }

    @Test
    @DisplayName("subfolders are swept to the depth asked, and names round-trip")
    void depthAndNames() throws Exception {
        long dead = deadPid();
        Path shard = Files.createDirectories(temp.resolve("ab"));
        Path deep = Files.writeString(shard.resolve(new TempName("ab12.chunk", dead, "00000000000000ff", TempName.PART, "").toString()), "x");
        assertEquals(0, Leftovers.sweep(temp, 1).count());
        assertEquals(1, Leftovers.sweep(temp, 2).count());
        assertFalse(Files.exists(deep));

        var name = TempName.fresh("slope.tif", TempName.PART, ".tif");
        assertEquals(name, TempName.parse(name.toString()).orElseThrow());
        assertEquals(name, TempName.parse(name.toString()).orElseThrow());
        assertTrue(TempName.parse("slope.tif").isEmpty());
        assertTrue(TempName.parse(".slope.tif.part.tif").isEmpty(), "the old fixed name has no owner");
    }

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertTrue(ProcessHandle.of(process.pid()).map(h -> !h.isAlive()).orElse(true));
        return process.pid();
    }
}
