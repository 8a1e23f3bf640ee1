package io.tilework.process.store;

import java.time.Instant;

/** A deployed model: each deploy of the same name is a new version; instances keep the version they started with. */
public record StoredModel(String name, int version, String conformsTo, String source, Instant deployed) {
}
