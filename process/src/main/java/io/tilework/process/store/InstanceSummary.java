package io.tilework.process.store;

import java.time.Instant;

/** One instance as listings show it. */
public record InstanceSummary(String id, String model, int modelVersion, String parent, String state, Instant created, Instant updated) {
}
