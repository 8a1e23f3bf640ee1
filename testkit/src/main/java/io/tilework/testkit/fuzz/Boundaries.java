package io.tilework.testkit.fuzz;

import java.util.Arrays;

/** Where the records of an input end: the places a truncated file most often stops. */
@FunctionalInterface
public interface Boundaries {

    /** The offsets just past each record, ascending. */
    int[] recordEnds(byte[] input);

    /** Text: each line ends after its line feed. */
    static Boundaries lines() {
        return input -> {
            int[] ends = new int[16];
            int count = 0;
            for (int i = 0; i < input.length; i++) {
                if (input[i] == '\n') {
                    if (count == ends.length) {
                        ends = Arrays.copyOf(ends, count * 2);
                    }
                    ends[count++] = i + 1;
                }
            }
            return Arrays.copyOf(ends, count);
        };
    }

    /**
     * ISO 8211 (S-57 cells and catalogues): each record's leader starts with its length in five ASCII
     * digits; a leader that does not parse ends the walk.
     */
    static Boundaries iso8211() {
        return input -> {
            int[] ends = new int[16];
            int count = 0;
            int at = 0;
            while (at + 5 <= input.length) {
                int length = 0;
                for (int i = at; i < at + 5; i++) {
                    if (input[i] < '0' || input[i] > '9') {
                        return Arrays.copyOf(ends, count);
                    }
                    length = length * 10 + (input[i] - '0');
                }
                if (length < 24 || at + length > input.length) {
                    break;
                }
                at += length;
                if (count == ends.length) {
                    ends = Arrays.copyOf(ends, count * 2);
                }
                ends[count++] = at;
            }
            return Arrays.copyOf(ends, count);
        };
    }

    /** Fixed-size pieces, for formats without a record structure worth walking. */
    static Boundaries every(int bytes) {
        return input -> {
            int[] ends = new int[input.length / bytes];
            for (int i = 0; i < ends.length; i++) {
                ends[i] = (i + 1) * bytes;
            }
            return ends;
        };
    }
}
