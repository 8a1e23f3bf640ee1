package io.tilework.server.jobs;

import java.util.Locale;

/** Where a job run stands. {@link #INTERRUPTED}: it was running when the server stopped. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, INTERRUPTED;

    /** Whether it may run again, reusing what it finished. */
    public boolean resumable() {
        return this == FAILED || this == CANCELLED || this == INTERRUPTED;
    }

    public boolean ended() {
        return this != QUEUED && this != RUNNING;
    }

    /** The state as the API writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
