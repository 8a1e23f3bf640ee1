/**
 * What an analyst's input can get wrong, as the sealed family {@link io.tilework.sales.failure.SalesFailure}
 * (the command line's exit 1), the reasons a row is rejected, and how a message shows the user's
 * bytes ({@link io.tilework.sales.failure.Excerpt}: short and escaped, whatever they are). Every
 * stage of the pipeline may raise them, so they sit below all of them.
 */
package io.tilework.sales.failure;
