package io.tilework.app.failure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every {@code tilework} command, one table for all, so a script can tell
 * "fix your input" from "fix your command line" from "report a bug".
 */
public final class ExitCode {

    /** The command did what was asked. */
    public static final int DONE = 0;
    /** The input or the request was wrong, or the work partly failed; the message says what, where and what to do. */
    public static final int USER_FAILURE = 1;
    /** The command line was wrong (unknown option, missing argument, a value of the wrong form). */
    public static final int USAGE = 2;
    /** A defect in Tilework; the message names the log file holding the details. */
    public static final int DEFECT = 3;

    private ExitCode() {
    }

    /** The table as picocli shows it under "Exit codes:" in every command's help. */
    public static Map<String, String> table() {
        var table = new LinkedHashMap<String, String>();
        table.put(Integer.toString(DONE), "done");
        table.put(Integer.toString(USER_FAILURE), "the input or the request was wrong, or the work partly failed (the message says what, where, what to do)");
        table.put(Integer.toString(USAGE), "wrong command line (see --help)");
        table.put(Integer.toString(DEFECT), "a defect in Tilework: the message names the log with the details (--verbose prints them)");
        return table;
    }
}
