/**
 * The failures a user can cause ({@link io.tilework.engine.failure.UserFailure}) as opposed to
 * defects in Tilework, and the ones the kernel itself raises.
 */
package io.tilework.engine.failure;
