package io.tilework.charts.stage;

import io.tilework.engine.io.AtomicFile;
import io.tilework.engine.io.Leftovers;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The rule every stage writes by: an output is written through {@link AtomicFile} (a temporary
 * name unique to the writer in its final folder, which keeps the extension GDAL's drivers look
 * at, renamed into place when complete), so an output that exists is whole. A killed run leaves
 * only temporary files, which the next run removes ({@link Leftovers}) once their process is gone.
 */
public final class WorkFiles {

    /** How deep the product folder is swept: PRODUCT/.work/SETTINGS/STAGE/FILE. */
    private static final int SWEEP_DEPTH = 4;

    /** Writes one output file. */
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    private WorkFiles() {
    }

    /** Writes {@code target} through {@code writer} and moves it into place; nothing is left on failure. */
    public static void writeAtomically(Path target, Writer writer) throws IOException {
        AtomicFile.writeFile(target, writer::write);
    }

    /** Removes what killed runs left half-written under {@code product}; what live runs write stays. */
    public static Leftovers.Swept deleteTemporaries(Path product) {
        return Leftovers.sweep(product, SWEEP_DEPTH);
    }
}
