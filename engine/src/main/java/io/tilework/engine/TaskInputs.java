package io.tilework.engine;

import java.util.List;

/** The results of a task's inputs, in the order the task declared them. */
public interface TaskInputs {

    int size();

    /** The result of input {@code index}, cast to what the caller expects. */
    <X> X get(int index);

    /** All input results, in order. */
    <X> List<X> all();
}
