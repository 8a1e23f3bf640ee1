package io.tilework.sales.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("searching eight bytes at a time finds what a byte-by-byte search finds")
class BytesTest {

    @Test
    @DisplayName("every start and end over random bytes (with bytes above 0x7f next to the one sought)")
    void indexOf_likeAPlainLoop() {
        var random = new Random(20);
        for (byte sought : new byte[] {'\n', ',', ';', '\t', (byte) 0x80}) {
            long word = Bytes.inEveryByte(sought);
            for (int round = 0; round < 200; round++) {
                byte[] b = new byte[40];
                for (int i = 0; i < b.length; i++) {
                    int kind = random.nextInt(6);
                    b[i] = kind == 0 ? sought : kind == 1 ? (byte) (sought + 1) : kind == 2 ? (byte) (0x80 | random.nextInt(128))
                            : kind == 3 ? (byte) (sought - 1) : (byte) ('a' + random.nextInt(26));
                }
                for (int from = 0; from <= b.length; from++) {
                    for (int to = from; to <= b.length; to++) {
                        int expected = from;
                        while (expected < to && b[expected] != sought) {
                            expected++;
                        }
                        assertEquals(expected, Bytes.indexOf(b, from, to, word, sought), "from " + from + " to " + to);
                    }
                }
            }
        }
    }
}
