package io.tilework.server.jobs;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;

/**
 * Writes a file from a job's thread whatever interrupts it: a cancel, or the server stopping,
 * interrupts that thread, and an interrupted thread's file channel closes mid-write. The
 * interrupt is kept for the job.
 */
final class Uninterrupted {

    /** A write that may throw. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    private Uninterrupted() {
    }

    static void write(Write write) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            try {
                write.run();
            } catch (ClosedByInterruptException e) {
                interrupted |= Thread.interrupted(); // the interrupt came while writing: once more, not interrupted
                write.run();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
