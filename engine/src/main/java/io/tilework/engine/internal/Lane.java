package io.tilework.engine.internal;

/**
 * A consumer's order: each stream is a lane, and so are all single submissions together. A node's
 * priority is its request index within its lane minus what the lane's consumer has taken, so
 * priorities move as consumers pull without re-sorting anything.
 */
interface Lane {

    /** How many of this lane's requests have been taken (or finished, for submissions). */
    long position();
}
