package io.tilework.server.console;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Saves the page a failed test left as {@code target/screenshots/failed-CLASS-METHOD.png}: what the browser showed when it failed. */
final class ScreenshotOnFailure implements TestWatcher {

    private final Supplier<Console> console;

    ScreenshotOnFailure(Supplier<Console> console) {
        this.console = console;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Console current = console.get();
        if (current == null) {
            return;
        }
        try {
            current.browser().screenshot("failed-" + context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName());
        } catch (Exception | Error e) {
            cause.addSuppressed(e); // the failure stays the test's own
        }
    }
}
