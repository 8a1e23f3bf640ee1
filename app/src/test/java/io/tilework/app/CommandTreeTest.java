package io.tilework.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandTreeTest {

    private static String usage(CommandLine line) {
        return line.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Test
    void aRunBuildsOnlyTheSubcommandItNames() {
        String[] args = {"raster", "slope", "dem.tif", "out.tif"};

        assertEquals(Set.of("raster"), CommandTree.builtInFull(Tilework.commandLine(args)));
        assertEquals(Set.of(), CommandTree.builtInFull(Tilework.commandLine(new String[] {"--help"})));
    }

    @Test
    void helpMayNameAnySubcommand_soItBuildsThemAll() {
        CommandLine line = Tilework.commandLine(new String[] {"help", "raster"});

        assertEquals(Tilework.commandLine().getSubcommands().keySet(), CommandTree.builtInFull(line));
    }

    @Test
    void theTopLevelHelp_isTheSameWithSubcommandsOnlyDescribed() {
        assertEquals(usage(Tilework.commandLine()), usage(Tilework.commandLine(new String[] {"--help"})));
    }

    @Test
    void aSubcommandsHelp_isTheSameBuiltAlone() {
        for (String name : Tilework.commandLine().getSubcommands().keySet()) {
            CommandLine full = Tilework.commandLine().getSubcommands().get(name);
            CommandLine alone = Tilework.commandLine(new String[] {name, "--help"}).getSubcommands().get(name);
            assertEquals(usage(full), usage(alone), name);
        }
    }

    @Test
    void anUnknownSubcommand_isRefusedAsBefore() {
        CommandRun run = CommandRun.run("rastr", "slope");
        var lazyErr = new java.io.StringWriter();
        int lazyExit = Tilework.commandLine(new String[] {"rastr", "slope"})
                .setErr(new java.io.PrintWriter(lazyErr, true)).execute("rastr", "slope");

        assertEquals(run.exit(), lazyExit);
        assertEquals(run.err(), lazyErr.toString());
    }
}
