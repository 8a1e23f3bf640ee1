package io.tilework.app.fuzz;

import io.tilework.testkit.fuzz.FuzzCampaign;
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

    /** Runs {@code campaign} for the budget with the seed, and prints how many inputs it ran (bench/fuzz.sh reads it). */
    static FuzzCampaign.Outcome run(FuzzCampaign campaign) {
        FuzzCampaign.Outcome outcome = campaign.run(seed(), budget(), Long.MAX_VALUE);
        System.out.println(outcome);
        if (outcome.executions() == 0) {
            throw new AssertionError("the campaign ran no input: " + outcome);
        }
        return outcome;
    }
}
