package io.tilework.app;

import io.tilework.app.charts.ChartsCommand;
import io.tilework.app.cluster.ClusterCommand;
import io.tilework.app.cluster.WorkerCommand;
import io.tilework.app.failure.BadCommandLine;
import io.tilework.app.failure.DefectLog;
import io.tilework.app.failure.ExitCode;
import io.tilework.app.failure.UserError;
import io.tilework.app.info.InfoCommand;
import io.tilework.app.process.ProcessCommand;
import io.tilework.app.raster.RasterCommand;
import io.tilework.app.sales.SalesCommand;
import io.tilework.app.server.ServeCommand;
import io.tilework.gdal.Gdal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

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
 * <p>Every command ends with one of the {@link ExitCode}s: 0 done, 1 the input or request was
 * wrong (one line saying what, where and what to do), 2 the command line was wrong, 3 a defect
 * (one line naming the {@link DefectLog} that holds the stack trace; {@code --verbose} prints it).
 */
@Command(name = "tilework", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Cuts huge rasters, nautical charts and sales records into chunks, computes them in parallel, and runs durable process models.")
public final class Tilework {

    /** Inherited by every subcommand, so it may come anywhere on the line. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "print the stack trace of a failure (it always goes to the error log) and the engine's debug log lines")
    void verbose(boolean on) {
        verbose = on;
        if (on) {
            // Read when the first logger is made, which is after parsing: debug lines of this run reach stderr.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
    }

    private boolean verbose;

    /**
     * The subcommands, in the order help lists them. Declared here rather than in {@code @Command}
     * so that a run builds only the one it needs (see {@link CommandTree}); a method, not a
     * constant, so that loading this class loads none of them.
     */
    static List<Class<?>> subcommands() {
        return List.of(InfoCommand.class, RasterCommand.class, SalesCommand.class, ChartsCommand.class,
                ProcessCommand.class, ServeCommand.class, WorkerCommand.class, ClusterCommand.class, CommandLine.HelpCommand.class);
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

    /** The command line with every subcommand built, also used by tests; defects are logged to the user's {@link DefectLog#standard()}. */
    public static CommandLine commandLine() {
        return commandLine(DefectLog.standard());
    }

    /** The command line with every subcommand built and defects logged to {@code log}. */
    public static CommandLine commandLine(DefectLog log) {
        var tilework = new Tilework();
        return configured(CommandTree.full(tilework, subcommands()), tilework, log);
    }

    /**
     * The command line for {@code args}: only the subcommand they name is built in full, the
     * others are listed by name and description (picocli builds a command by reflection, which
     * made {@code tilework --version} take a second).
     */
    public static CommandLine commandLine(String[] args) {
        var tilework = new Tilework();
        return configured(CommandTree.forArguments(tilework, subcommands(), args), tilework, DefectLog.standard());
    }

    private static CommandLine configured(CommandLine command, Tilework tilework, DefectLog log) {
        // An Error (a stack overflow, a linkage error) is a defect like any other, not a JVM crash dump.
        command.setExecutionStrategy(parsed -> {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } catch (Error e) {
                throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(), "failed: " + e, e);
            }
        });
        command.setExecutionExceptionHandler((e, failed, parsed) -> tilework.report(e, failed, parsed, log));
        command.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE);
        withExitCodes(command);
        return command;
    }

    /** Every command's help ends with the same table of exit codes. */
    private static void withExitCodes(CommandLine command) {
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.table());
        command.getSubcommands().values().forEach(Tilework::withExitCodes);
    }

    /** One line for the user; a defect's stack trace goes to the log, and to the terminal too with --verbose. */
    private int report(Exception e, CommandLine command, CommandLine.ParseResult parsed, DefectLog log) {
        Throwable failure = e instanceof CommandLine.ExecutionException && e.getCause() != null ? e.getCause() : e;
        var err = command.getErr();
        if (failure instanceof BadCommandLine usage) {
            err.println(command.getColorScheme().errorText("tilework: " + usage.getMessage()));
            err.println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE;
        }
        Optional<String> userMessage = UserError.message(failure);
        if (userMessage.isPresent()) {
            err.println(command.getColorScheme().errorText("tilework: " + userMessage.get()));
            if (verbose) {
                failure.printStackTrace(err);
            }
            return ExitCode.USER_FAILURE;
        }
        Path logged = log.record(failure, parsed == null ? List.of() : parsed.originalArgs(), "tilework " + versionForTheLog());
        // One line: a multi-line message (a parser's, with its position) keeps its first.
        String message = failure.getMessage() == null || failure.getMessage().isBlank() ? failure.toString()
                : failure.getMessage().lines().findFirst().orElse(failure.toString());
        err.println(command.getColorScheme().errorText("tilework: internal error: " + message + " ("
                + (logged == null ? "the error log could not be written; run again with --verbose" : "details in " + logged)
                + "; please report it)"));
        if (verbose) {
            failure.printStackTrace(err);
        }
        return ExitCode.DEFECT;
    }

    /** The version for a defect's log entry; reporting a defect must not fail on a damaged build. */
    private static String versionForTheLog() {
        try {
            return BuildVersion.tilework();
        } catch (RuntimeException e) {
            return "(version unknown: " + e.getMessage() + ")";
        }
    }
}
