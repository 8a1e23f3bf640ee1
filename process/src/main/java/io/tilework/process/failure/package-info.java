/**
 * The failures a user of processes can cause ({@link io.tilework.process.failure.ProcessFailure}),
 * as opposed to defects: only these become a rejected event or exit code 1.
 */
package io.tilework.process.failure;
