/**
 * Writing files safely: {@link io.tilework.engine.io.AtomicFile}, the one way Tilework puts a
 * file under its final name (unique temporary sibling, fsync, atomic rename), and
 * {@link io.tilework.engine.io.Leftovers}, which removes what killed processes left behind.
 */
package io.tilework.engine.io;
