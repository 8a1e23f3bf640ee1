package io.tilework.app.fuzz;

import java.time.Duration;

/**
 * How long each target's fixed-seed campaign runs, and with which seed: a few seconds in
 * {@code make test}; {@code bench/fuzz.sh} sets {@code tilework.fuzz.seconds} and a new
 * {@code tilework.fuzz.seed} for long campaigns.
 */
final class FuzzSettings {

    private FuzzSettings() {
    }

    static Duration budget() {
        return Duration.ofSeconds(Long.getLong("tilework.fuzz.seconds", 3));
    }

    static long seed() {
        return Long.getLong("tilework.fuzz.seed", 1);
    }
}
