package io.tilework.process.delivery;

import io.tilework.engine.job.Job;
import java.util.Map;

/**
 * What a job's parameters go through before a process runs it: the server makes its paths
 * absolute under its data root and refuses those that leave it, as it does for the jobs it starts
 * itself. Throwing fails the job with the exception's message.
 */
@FunctionalInterface
public interface JobParameterCheck {

    Map<String, Object> check(Job<?> job, Map<String, Object> parameters);

    /** The parameters as the model gives them: the command line's engine. */
    JobParameterCheck NONE = (job, parameters) -> parameters;
}
