/**
 * Where tasks run: local pools ({@link io.tilework.engine.pool.Pools}: cpu, io, inline) and the
 * contract for pools whose workers live in other JVMs ({@link io.tilework.engine.pool.RemotePool},
 * fed with serialisable {@link io.tilework.engine.pool.TaskDescriptor}s resolved in a
 * {@link io.tilework.engine.pool.FunctionRegistry}).
 */
package io.tilework.engine.pool;
