package io.tilework.sales.map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.sales.failure.RejectReason;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time split of a plain row against the field-by-field one, on random lines: wherever the fast one
 * takes a row, the slow one finds the same fields and no fault. Lines are placed anywhere in a buffer, with other
 * bytes after them (delimiters among them), as the line scanner leaves them.
 */
class RowParserPlainTest {

    private static final byte[] ALPHABET = "ab1;,\"\\ \t".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Test
    void thePlainSplitFindsTheFieldsTheFieldByFieldOneFinds() {
        var random = new SplittableRandom(7);
        int taken = 0;
        for (int round = 0; round < 200_000; round++) {
            int columns = 1 + random.nextInt(9);
            byte delimiter = random.nextBoolean() ? (byte) ',' : random.nextBoolean() ? (byte) ';' : (byte) '\t';
            byte quote = random.nextInt(4) == 0 ? 0 : (byte) '"';
            byte escape = random.nextBoolean() ? quote : (byte) '\\';
            var plain = new RowParser(delimiter, quote, escape, columns);
            var reference = new RowParser(delimiter, quote, escape, columns);
            byte[] buffer = new byte[random.nextInt(1, 80)];
            for (int i = 0; i < buffer.length; i++) {
                // mostly delimiters and letters, so that many lines have the right column count
                buffer[i] = random.nextInt(3) == 0 ? delimiter : ALPHABET[random.nextInt(ALPHABET.length)];
            }
            int from = random.nextInt(buffer.length);
            int to = from + random.nextInt(buffer.length - from + 1);
            if (plain.splitPlain(buffer, from, to)) {
                taken++;
                assertEquals(null, reference.splitFieldByField(buffer, from, to), () -> Arrays.toString(buffer));
                assertArrayEquals(reference.starts, plain.starts, "starts");
                assertArrayEquals(reference.ends, plain.ends, "ends");
                for (int c = 0; c < columns; c++) {
                    assertEquals(reference.isEscaped(c), plain.isEscaped(c));
                }
            } else {
                // not taken: then the row is not plain (a quote opens a field, or the column count is off)
                RejectReason reason = reference.splitFieldByField(buffer, from, to);
                boolean quoted = false;
                if (reason == null) {
                    for (int c = 0; c < columns; c++) {
                        quoted |= reference.starts[c] < reference.ends[c] && buffer[reference.starts[c]] == quote && quote != 0;
                        // a quoted field's start is after its quote
                        quoted |= reference.starts[c] > from && buffer[reference.starts[c] - 1] == quote && quote != 0;
                    }
                }
                assertTrue(reason != null || quoted, () -> "a plain row was not taken: " + Arrays.toString(buffer));
            }
        }
        assertTrue(taken > 10_000, "too few plain rows among the random ones to say anything: " + taken);
    }
}
