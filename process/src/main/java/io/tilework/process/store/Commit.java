package io.tilework.process.store;

import io.tilework.process.runtime.InstanceState;
import java.util.List;

/**
 * What one transaction writes, atomically with the others of its batch: the instance's summary
 * and log record (null when only deliveries are acknowledged), a snapshot now and then, and the
 * outbox entries and timers that are done (a fired timer is removed only if it is still due
 * when it fired: one scheduled again since stays). New outbox entries and timers come from the log
 * record's effects.
 */
public record Commit(InstanceSummary instance, LogRecord log, InstanceState snapshot, List<String> delivered,
                     List<InboxEntry> inbox, List<TimerEntry> firedTimers) {

    public static Commit acknowledgement(List<String> delivered, List<InboxEntry> inbox) {
        return new Commit(null, null, null, delivered, inbox, List.of());
    }
}
