package io.tilework.app.failure;

import com.fasterxml.jackson.core.JacksonException;
import io.tilework.engine.TaskFailedException;
import io.tilework.engine.failure.UserFailure;
import io.tilework.gdal.GdalException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Tells a failure the user can act on (exit 1) from a defect (exit 3), and words it for them.
 * User failures are {@link UserFailure}s, GDAL failures caused by the data, and I/O failures (a
 * file missing, not readable, not a directory, a disk that fails: the environment, which the user
 * can fix; their messages name the file). The first two count wherever they are in the chain of
 * causes (the engine wraps what a chunk threw); an I/O failure only behind mere wrappers, and never
 * Jackson's. Everything else, {@code IllegalArgumentException} and {@code IllegalStateException}
 * included, is a defect.
 */
public final class UserError {

    private UserError() {
    }

    /** The one line to show the user if {@code failure} is theirs to fix; empty if it is a defect. */
    public static Optional<String> message(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean onlyWrapped = true; // an I/O failure counts only if nothing but wrappers stand between it and the command
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            String message = switch (cause) {
                case UserFailure user -> user.getMessage();
                case GdalException gdal when gdal.causedByInput() -> gdal.getMessage();
                default -> onlyWrapped ? describeIo(cause) : null;
            };
            if (message != null) {
                return Optional.of(message);
            }
            onlyWrapped &= isWrapper(cause);
        }
        return Optional.empty();
    }

    /**
     * What only carries another failure: the engine's chunk failure, futures, reflection. An
     * {@code IllegalArgumentException} around an {@code IOException} (Jackson's conversions throw
     * those) is code that failed, not a file.
     */
    private static boolean isWrapper(Throwable failure) {
        return failure instanceof TaskFailedException || failure instanceof CompletionException || failure instanceof ExecutionException
                || failure instanceof UncheckedIOException || failure instanceof InvocationTargetException;
    }

    private static String describeIo(Throwable failure) {
        return switch (failure) {
            case JacksonException json -> null; // JSON Tilework reads or writes itself: a defect (the user's JSON is checked where it is parsed)
            case NoSuchFileException missing -> missing.getFile() + ": " + (missing.getReason() == null ? "no such file" : missing.getReason())
                    + "; check the path";
            case AccessDeniedException denied -> denied.getFile() + ": permission denied"
                    + (denied.getReason() == null ? "" : " (" + denied.getReason() + ")") + "; check its permissions or choose another path";
            case NotDirectoryException notDirectory -> notDirectory.getFile() + ": not a directory; give a directory there";
            case FileSystemException files when files.getFile() != null -> files.getMessage() + "; check that path";
            // The wrapper's message has the context (what was being read or written) unless it is only the cause's.
            case UncheckedIOException unchecked when unchecked.getCause() != null
                    && !unchecked.getMessage().equals(unchecked.getCause().toString()) -> unchecked.getMessage();
            case IOException io -> io.getMessage() == null ? io.toString() : io.getMessage();
            default -> null;
        };
    }
}
