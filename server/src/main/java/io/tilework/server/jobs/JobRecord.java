package io.tilework.server.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the server keeps of a job across restarts: the request as the client made it, and how its
 * last run ended. Immutable; each change is a new record, saved before it is shown.
 *
 * @param parameters the parameters as given (paths relative to the data root, as the client wrote them)
 * @param outputs    files the last run wrote, relative to the data root
 * @param summary    what the job returned, as JSON values (maps, lists, texts, numbers), or null
 */
public record JobRecord(String id, String kind, Map<String, Object> parameters, JobState state, int attempt,
                        Instant created, Instant started, Instant finished, String error, List<String> outputs,
                        Object summary) {

    static JobRecord queued(String id, String kind, Map<String, Object> parameters, Instant now) {
        return new JobRecord(id, kind, parameters, JobState.QUEUED, 1, now, null, null, null, List.of(), null);
    }

    JobRecord running(Instant now) {
        return new JobRecord(id, kind, parameters, JobState.RUNNING, attempt, created, now, null, null, List.of(), null);
    }

    JobRecord ended(JobState state, Instant now, String error, List<String> outputs, Object summary) {
        return new JobRecord(id, kind, parameters, state, attempt, created, started, now, error, List.copyOf(outputs), summary);
    }

    JobRecord again() {
        return new JobRecord(id, kind, parameters, JobState.QUEUED, attempt + 1, created, null, null, null, List.of(), null);
    }
}
