package io.tilework.engine.failure;

/**
 * A failure the user caused or can fix: bad input, a wrong request, a full disk, a file another
 * process holds. Its message is written for a person and says what was wrong, where (file, line,
 * tile, cell, instance) and what to do; the command line prints it in one line and exits 1.
 *
 * <p>Every other exception is a defect in Tilework (exit 3, stack trace in the log), so a module
 * never catches {@code RuntimeException}s as if they were the user's fault: it throws a member of
 * its own small family of user failures (each module declares one, sealed, extending this) and
 * lets everything else through.
 */
public abstract class UserFailure extends RuntimeException {

    protected UserFailure(String message) {
        super(message);
    }

    protected UserFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
