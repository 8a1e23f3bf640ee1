package io.tilework.engine;

/** What a task computes from its inputs. Runs on the task's pool; may check the token. */
@FunctionalInterface
public interface TaskFunction<T> {

    T compute(TaskInputs inputs, CancellationToken cancellation) throws Exception;
}
