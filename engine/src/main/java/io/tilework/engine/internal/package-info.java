/**
 * The scheduler behind {@link io.tilework.engine.Engine}: graph nodes, per-pool priority queues,
 * streams. Not an API; the design notes are at the top of {@code Scheduler}.
 */
package io.tilework.engine.internal;
