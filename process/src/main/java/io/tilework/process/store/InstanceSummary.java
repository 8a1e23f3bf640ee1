package io.tilework.process.store;

import java.time.Instant;

/**
 * One instance as listings show it. It runs version {@code modelVersion} of its model, in version
 * {@code specVersion} of its specification (0: the one the engine was given, never deployed):
 * later deploys do not change what a running instance does.
 */
public record InstanceSummary(String id, String model, int modelVersion, int specVersion, String parent, String state, Instant created,
                              Instant updated) {
}
