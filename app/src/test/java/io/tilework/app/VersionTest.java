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
    void theShortcutOfTheEntryPoint_printsWhatPicocliPrints() {
        var bytes = new ByteArrayOutputStream();
        BuildVersion.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertEquals(CommandRun.run("--version").out().lines().toList(),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void theVersionAlone_loadsNoPicocliClass() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--version")
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, child.waitFor(), output);
        assertTrue(output.contains("tilework " + pomVersion()), output);
        assertTrue(output.contains(" io.tilework.app.BuildVersion "), "the class log is there: " + output.length());
        assertFalse(output.contains(" picocli."), output.lines().filter(line -> line.contains(" picocli.")).toList().toString());
    }

    @Test
    void onlyTheVersionAlone_takesTheShortcut() {
        assertTrue(BuildVersion.askedAlone(new String[] {"--version"}));
        assertTrue(BuildVersion.askedAlone(new String[] {"-V"}));
        assertFalse(BuildVersion.askedAlone(new String[] {"raster", "--version"}));
        assertFalse(BuildVersion.askedAlone(new String[] {"--version", "--help"}));
        assertFalse(BuildVersion.askedAlone(new String[0]));
    }
}
