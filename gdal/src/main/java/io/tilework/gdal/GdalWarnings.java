package io.tilework.gdal;

import io.tilework.gdal.internal.ErrorQueue;

/**
 * GDAL's warnings kept back while a command works, so that a command that fails on a damaged file
 * prints its one line without GDAL's asides before it ("tags are not sorted in ascending order",
 * the same again for each handle that opens the file).
 *
 * <p>Normally each GDAL warning becomes a WARN log line at once. While a hold is open, warnings
 * from every thread are kept instead (at most {@value ErrorQueue#MAX_HELD}, each text once); when
 * the last hold closes they are logged, at WARN if the work {@link Hold#succeeded() succeeded}
 * (the user sees what GDAL noticed in a file that could be used), at DEBUG otherwise (the error
 * says what is wrong; {@code --verbose} shows them).
 *
 * {@snippet :
 * try (GdalWarnings.Hold warnings = GdalWarnings.hold()) {
 *     work();
 *     warnings.succeeded();
 * }
 * }
 */
public final class GdalWarnings {

    private GdalWarnings() {
    }

    /** Starts keeping GDAL's warnings back until the hold closes. */
    public static Hold hold() {
        ErrorQueue.holdWarnings();
        return new Hold();
    }

    /** An open hold; close it once. */
    public static final class Hold implements AutoCloseable {

        private boolean succeeded;
        private boolean closed;

        private Hold() {
        }

        /** The work went well: the warnings kept are logged at WARN when the hold closes. */
        public void succeeded() {
            succeeded = true;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                ErrorQueue.releaseWarnings(succeeded);
            }
        }
    }
}
