/**
 * The kernel. Describe work as {@link io.tilework.engine.Task}s (a key, inputs, a pool, a size, a
 * function), then ask an {@link io.tilework.engine.Engine} for results: one at a time with
 * {@code submit}, or as an ordered {@link io.tilework.engine.ResultStream}. The engine builds the
 * DAG on demand, runs ready tasks by priority on its pools within a memory budget, shares equal
 * keys, caches results with a codec in its chunk store, and reports every state change as an
 * {@link io.tilework.engine.event.EngineEvent}. The module's README explains the guarantees.
 */
package io.tilework.engine;
