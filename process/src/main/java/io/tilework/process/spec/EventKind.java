package io.tilework.process.spec;

/** Where an event comes from. */
public enum EventKind {
    /** A message from an actor: a person, an application, a worker reporting a job's outcome. */
    EXTERNAL,
    /** A runtime object's state changed and the event's condition holds for it. */
    INTERNAL,
    /** A timer scheduled by an operation fired. */
    TEMPORAL,
    /** Raised by an operation of a trigger, within the same transaction. */
    RAISED,
    /**
     * Raised by the engine on the root object, with {@code error}, when a condition written in the
     * model fails while an instance runs; what the failing event did is dropped. At most one.
     */
    FAULT
}
