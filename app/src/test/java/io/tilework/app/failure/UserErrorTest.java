package io.tilework.app.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.engine.TaskFailedException;
import io.tilework.engine.TaskKey;
import io.tilework.sales.failure.SalesInputInvalid;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("what is the user's to fix (exit 1) and what is a defect (exit 3)")
class UserErrorTest {

    private static final TaskKey KEY = TaskKey.of("test.chunk", 1, "k");

    @Test
    @DisplayName("a user failure or a missing file behind the engine's wrappers is the user's, in their words")
    void usersFailures_throughWrappers() {
        assertEquals(Optional.of("no input file given"),
                UserError.message(new TaskFailedException(KEY, KEY, new IllegalStateException("scan failed", new SalesInputInvalid("no input file given")))));
        assertEquals(Optional.of("in.csv: no such file; check the path"),
                UserError.message(new CompletionException(new TaskFailedException(KEY, KEY,
                        new UncheckedIOException(new NoSuchFileException("in.csv"))))));
    }

    @Test
    @DisplayName("runtime exceptions, and an I/O failure inside one (Jackson's conversions), are defects")
    void defects() {
        assertTrue(UserError.message(new NullPointerException()).isEmpty());
        assertTrue(UserError.message(new IllegalArgumentException("bad")).isEmpty());
        assertTrue(UserError.message(new TaskFailedException(KEY, KEY, new IllegalStateException("bug"))).isEmpty());
        IllegalArgumentException conversion = null;
        try {
            new ObjectMapper().convertValue(5, Map.class);
        } catch (IllegalArgumentException e) {
            conversion = e;
        }
        assertTrue(conversion != null && conversion.getCause() instanceof java.io.IOException, "Jackson wraps an IOException");
        assertTrue(UserError.message(conversion).isEmpty(), "not the user's: " + conversion);
    }
}
