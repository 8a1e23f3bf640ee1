package io.tilework.app;

import io.tilework.app.info.InfoCommand;
import io.tilework.app.raster.RasterCommand;
import io.tilework.app.charts.ChartsCommand;
import io.tilework.app.process.ProcessCommand;
import io.tilework.app.sales.SalesCommand;
import io.tilework.engine.failure.UserFailure;
import io.tilework.gdal.GdalException;
import io.tilework.gdal.Gdal;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tilework} command line.
 *
 * {@snippet lang="shell" :
 * bin/tilework info ../shared/data/raster/RGB.byte.tif
 * bin/tilework info --json ../shared/data/s57/US5WA22M/US5WA22M.000
 * bin/tilework raster slope dem.tif slope.tif --cache cache/slope
 * bin/tilework sales report 'exports/2024-*.csv.gz' --out report
 * bin/tilework process deploy review.yaml && bin/tilework process start review
 * }
 *
 * <p>Exit codes: 0 success, 1 the data could not be processed (the message says what, where and
 * what to do), 2 the command line was wrong.
 */
@Command(name = "tilework", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Cuts huge rasters, nautical charts and sales records into chunks, computes them in parallel, and runs durable process models.")
public final class Tilework {

    /**
     * The subcommands, in the order help lists them. Declared here rather than in {@code @Command}
     * so that a run builds only the one it needs (see {@link CommandTree}); a method, not a
     * constant, so that loading this class loads none of them.
     */
    static List<Class<?>> subcommands() {
        return List.of(InfoCommand.class, RasterCommand.class, SalesCommand.class, ChartsCommand.class,
                ProcessCommand.class, CommandLine.HelpCommand.class);
    }

    /** Runs the command line ({@link Main}, the jar's entry point, answers {@code --version} before). */
    public static void main(String[] args) {
        loadGdalMeanwhile(args);
        System.exit(commandLine(args).execute(args));
    }

    /** The subcommands that open rasters or vectors, and so need GDAL. */
    private static final Set<String> GDAL_COMMANDS = Set.of("info", "raster", "charts");

    /**
     * Starts loading GDAL (a fifth of a second: the library and its hundred dependencies, the
     * drivers) on another thread when {@code args} name a command that needs it, so that it
     * overlaps with building the command line. A failure is left for the command to meet and
     * report: it calls {@link Gdal#initialize()} itself, which tries again.
     */
    private static void loadGdalMeanwhile(String[] args) {
        if (args.length > 0 && GDAL_COMMANDS.contains(args[0])) {
            Thread.ofPlatform().daemon().name("gdal-load").start(() -> {
                try {
                    Gdal.initialize();
                } catch (RuntimeException reportedByTheCommand) {
                    // the command's own call fails the same way, and says so
                }
            });
        }
    }

    /** The configured command line with every subcommand built, also used by tests. */
    public static CommandLine commandLine() {
        return CommandTree.full(new Tilework(), subcommands()).setExecutionExceptionHandler(Tilework::report);
    }

    /**
     * The command line for {@code args}: only the subcommand they name is built in full, the
     * others are listed by name and description (picocli builds a command by reflection, which
     * made {@code tilework --version} take a second).
     */
    public static CommandLine commandLine(String[] args) {
        return CommandTree.forArguments(new Tilework(), subcommands(), args).setExecutionExceptionHandler(Tilework::report);
    }

    /** Users see what failed and where, not a stack trace. */
    private static int report(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) { // e.g. a full disk met inside a task
            if (cause instanceof UserFailure failure) {
                command.getErr().println(command.getColorScheme().errorText("tilework: " + failure.getMessage()));
                return 1;
            }
        }
        if (e instanceof GdalException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            command.getErr().println(command.getColorScheme().errorText("tilework: " + e.getMessage()));
            return 1;
        }
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            command.getErr().println(command.getColorScheme().errorText("tilework: " + missing.getFile() + ": "
                    + (missing.getReason() == null ? "no such file" : missing.getReason()) + "; check the path"));
            return 1;
        }
        if (e instanceof java.io.IOException io) {
            command.getErr().println(command.getColorScheme().errorText("tilework: " + io.getMessage()));
            return 1;
        }
        command.getErr().println(command.getColorScheme().errorText("tilework: unexpected failure"));
        e.printStackTrace(command.getErr());
        return 1;
    }
}
