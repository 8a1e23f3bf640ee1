package io.tilework.process.engine;

import io.tilework.process.meta.Model;
import io.tilework.process.runtime.Interpreter;
import io.tilework.process.spec.BehaviourSpec;

/**
 * What an instance runs: the version of its model it started with, read against the version of
 * its specification it started in, and the interpreter of that specification.
 */
public record Definition(Model model, Interpreter interpreter) {

    public BehaviourSpec spec() {
        return interpreter.spec();
    }
}
