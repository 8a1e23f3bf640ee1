package io.tilework.cluster;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A running job as its coordinator publishes it every second, for {@code cluster status}.
 *
 * @param waitingKinds kinds with chunks queued that no live worker takes
 */
record JobState(String jobId, String name, String coordinator, String coordinatorUuid, long startedMillis, long submitted,
                long done, long failed, long rerun, Map<String, Long> doneByMember, List<String> waitingKinds,
                long updatedMillis) implements Serializable {

    JobState {
        doneByMember = Map.copyOf(doneByMember);
        waitingKinds = List.copyOf(waitingKinds);
    }
}
