package io.tilework.process.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tilework.process.failure.ExpressionFailed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("expressions: property getters found once per class and name give each value its own class's answer")
class GetterCacheTest {

    /** Two classes with a property of the same name: one expression node meets both in turn. */
    public record Small(long value) {
        public long getSize() {
            return value;
        }
    }

    public record Large(long value) {
        public long getSize() {
            return value * 1000;
        }
    }

    @Test
    @DisplayName("one expression over values of different classes, maps with different keys, and again: every answer its own")
    void everyValueGetsItsOwnClasssGetter() {
        String text = "x.size";
        // Turn by turn, many times: a getter kept for one class must never answer for another.
        for (int round = 0; round < 50; round++) {
            assertEquals(3L, Expressions.evaluate(text, Map.of("x", new Small(3))));
            assertEquals(4000L, Expressions.evaluate(text, Map.of("x", new Large(4))));
            assertEquals(5, Expressions.evaluate(text, Map.of("x", Map.of("size", 5))));
        }
        for (String key : List.of("a", "b", "c")) {
            assertEquals(key.toUpperCase(), Expressions.evaluate("m[k]", Map.of("m", Map.of("a", "A", "b", "B", "c", "C"), "k", key)));
        }
    }

    @Test
    @DisplayName("the sandbox still refuses what it refused: a getter is found by JEXL's own introspection with the same permissions")
    void theSandboxStillRefuses() {
        for (int round = 0; round < 3; round++) {
            assertThrows(ExpressionFailed.class, () -> Expressions.evaluate("x.getClass().forName('java.lang.Runtime')", Map.of("x", "text")));
            assertThrows(ExpressionFailed.class, () -> Expressions.evaluate("x.class.classLoader", Map.of("x", "text")));
            assertEquals(4, Expressions.evaluate("x.length()", Map.of("x", "text")));
        }
    }
}
