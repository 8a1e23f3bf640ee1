package io.tilework.process.engine;

import java.util.concurrent.CompletableFuture;

/** The result of a command that came from another engine: it carries the command's id, so its batch records the outcome. */
final class ForwardedResult extends CompletableFuture<Outcome> {

    final long id;

    ForwardedResult(long id) {
        this.id = id;
    }
}
