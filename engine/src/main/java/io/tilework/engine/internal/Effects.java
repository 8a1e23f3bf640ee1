package io.tilework.engine.internal;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a locked scheduler operation decided to do once the lock is released: start tasks,
 * complete futures, tell listeners. Nothing foreign runs under the lock.
 */
final class Effects {

    private static final Logger LOG = LoggerFactory.getLogger(Effects.class);

    private final List<Runnable> actions = new ArrayList<>();

    void add(Runnable action) {
        actions.add(action);
    }

    /** Runs everything collected, in order; one failing action does not stop the others. */
    void run() {
        for (int i = 0; i < actions.size(); i++) {
            try {
                actions.get(i).run();
            } catch (RuntimeException | Error e) {
                LOG.error("engine callback failed: {} (a defect; --verbose for the stack trace)", e.toString());
                LOG.debug("engine callback failed", e);
            }
        }
        actions.clear();
    }
}
