/**
 * How the command line ends: the exit codes, what counts as the user's failure and what as a
 * defect, and the log a defect's details go to.
 */
package io.tilework.app.failure;
