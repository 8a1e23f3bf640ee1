package io.tilework.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VersionTest {

    /** The project's version as the build files say it (app/pom.xml names its parent's version). */
    private static String pomVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        var parent = Pattern.compile("<parent>.*?<version>([^<]+)</version>.*?</parent>", Pattern.DOTALL).matcher(pom);
        assertTrue(parent.find(), "app/pom.xml names no parent version");
        return parent.group(1).strip();
    }

    @Test
    void versionNamesThePomsVersion_notADevelopmentBuild() throws IOException {
        CommandRun run = CommandRun.run("--version");

        assertEquals(0, run.exit(), run.err());
        String first = run.out().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("tilework " + pomVersion()), first);
        assertFalse(run.out().contains("development build"), run.out());
        assertTrue(run.out().contains("Java " + Runtime.version()), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.matches("GDAL \\d+\\.\\d+\\.\\d+.*")), run.out());
    }

    @Test
    void theShortcutOfMain_printsWhatPicocliPrints() {
        var bytes = new ByteArrayOutputStream();
        Version.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertEquals(CommandRun.run("--version").out().lines().toList(),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void onlyTheVersionAlone_takesTheShortcut() {
        assertTrue(Version.askedAlone(new String[] {"--version"}));
        assertTrue(Version.askedAlone(new String[] {"-V"}));
        assertFalse(Version.askedAlone(new String[] {"raster", "--version"}));
        assertFalse(Version.askedAlone(new String[] {"--version", "--help"}));
        assertFalse(Version.askedAlone(new String[0]));
    }
}
