package io.tilework.process.spec;

import java.util.List;
import java.util.Map;

/**
 * What a trigger does. Every operation may name its object ({@code of}, default the trigger's
 * {@code self}) and a guard ({@code when}). Values are expressions.
 */
public sealed interface Operation {

    String of();

    String when();

    int line();

    /** Change the object's state. */
    record SetState(String state, String of, String when, int line) implements Operation {
    }

    /** Set runtime attributes of the object. */
    record SetAttributes(Map<String, String> values, String of, String when, int line) implements Operation {
    }

    /** Set instance variables: each name to an expression, or ({@code merge}) every entry of a map-valued expression. */
    record SetVariables(Map<String, String> values, String merge, String of, String when, int line) implements Operation {
    }

    /** Create a runtime object of {@code type}, set its attributes, and name it {@code as} for the next operations. */
    record Create(String type, Map<String, String> values, String as, String of, String when, int line) implements Operation {
    }

    /** Run {@code operations} once per item of a list, the item named {@code as}. */
    record ForEach(String items, String as, List<Operation> operations, String of, String when, int line) implements Operation {
    }

    /** Run {@code operations} if {@code when} holds. */
    record Block(List<Operation> operations, String of, String when, int line) implements Operation {
    }

    /** Raise an event on the object, in this transaction. */
    record Raise(String event, Map<String, String> values, String of, String when, int line) implements Operation {
    }

    /** Send an external operation through the outbox; {@code to} names the recipient (e.g. a participant). */
    record Send(String operation, String to, Map<String, String> values, String of, String when, int line) implements Operation {
    }

    /** Schedule a temporal event on the object, replacing a timer for the same event there. */
    record Schedule(String event, String after, String of, String when, int line) implements Operation {
    }

    /** Cancel a scheduled temporal event on the object, if any. */
    record Unschedule(String event, String of, String when, int line) implements Operation {
    }
}
