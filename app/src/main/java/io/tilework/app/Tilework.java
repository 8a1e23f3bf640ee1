package io.tilework.app;

import io.tilework.app.info.InfoCommand;
import io.tilework.app.raster.RasterCommand;
import io.tilework.app.charts.ChartsCommand;
import io.tilework.app.process.ProcessCommand;
import io.tilework.app.sales.SalesCommand;
import io.tilework.engine.failure.UserFailure;
import io.tilework.gdal.GdalException;
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
        description = "Cuts huge rasters, nautical charts and sales records into chunks, computes them in parallel, and runs durable process models.",
        subcommands = {InfoCommand.class, RasterCommand.class, SalesCommand.class, ChartsCommand.class, ProcessCommand.class,
                CommandLine.HelpCommand.class})
public final class Tilework {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Tilework()).setExecutionExceptionHandler(Tilework::report);
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
