package io.tilework.testkit.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Damaged variants of a well-formed input, the kinds real files arrive with: cut at a record
 * boundary or anywhere, bytes flipped, numbers and length fields made huge, negative or zero,
 * binary or unclosed quotes dropped in, pieces repeated or lost, two files spliced. Everything is
 * drawn from the {@link SplittableRandom} given, so a seed names a sequence of inputs for ever.
 */
public final class Mutations {

    /** Numbers a reader must refuse calmly: overflows, negatives, zero, not numbers at all. */
    private static final List<String> HOSTILE_NUMBERS = List.of("0", "-1", "2147483648", "-2147483649",
            "99999999999999999999999", "1e309", "NaN", "0x7fffffff", "");
    /** Four-byte fields of binary formats (counts, lengths, offsets) at their worst. */
    private static final int[] HOSTILE_INTS = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x10000, 1};
    /** Bytes that bend text readers: NUL, an invalid UTF-8 lead, a lone continuation, CR, a quote, a delimiter. */
    private static final byte[] HOSTILE_BYTES = {0, (byte) 0xFF, (byte) 0x80, '\r', '\n', '"', ',', ';', '\t', (byte) 0xC3};
    /** A run long enough to exceed line and field limits without taking the test's heap. */
    private static final int LONG_RUN = 4 << 20;

    private Mutations() {
    }

    /** One damaged variant of {@code seed}; {@code other} is a second seed for splicing (may be {@code seed}). */
    public static byte[] mutate(byte[] seed, byte[] other, Boundaries boundaries, SplittableRandom random) {
        byte[] input = seed;
        int steps = 1 + random.nextInt(3); // damage compounds: a truncated file with a flipped byte
        for (int i = 0; i < steps; i++) {
            input = once(input, other, boundaries, random);
        }
        return input;
    }

    private static byte[] once(byte[] in, byte[] other, Boundaries boundaries, SplittableRandom random) {
        if (in.length == 0) {
            return new byte[] {HOSTILE_BYTES[random.nextInt(HOSTILE_BYTES.length)]};
        }
        return switch (random.nextInt(9)) {
            case 0 -> truncateAtRecord(in, boundaries, random);
            case 1 -> Arrays.copyOf(in, random.nextInt(in.length));
            case 2 -> flipBytes(in, random);
            case 3 -> hostileNumber(in, random);
            case 4 -> hostileInt(in, random);
            case 5 -> insert(in, random.nextInt(in.length + 1), new byte[] {HOSTILE_BYTES[random.nextInt(HOSTILE_BYTES.length)]});
            case 6 -> repeatOrDrop(in, random);
            case 7 -> splice(in, other, random);
            default -> random.nextInt(8) == 0 ? longRun(in, random) : flipBytes(in, random);
        };
    }

    /** {@code in} cut right after its {@code n}th record: every boundary a truncated copy or download can stop at. */
    public static byte[] truncateAtRecord(byte[] in, int n, Boundaries boundaries) {
        int[] ends = boundaries.recordEnds(in);
        return ends.length == 0 ? new byte[0] : Arrays.copyOf(in, ends[Math.min(n, ends.length - 1)]);
    }

    private static byte[] truncateAtRecord(byte[] in, Boundaries boundaries, SplittableRandom random) {
        int[] ends = boundaries.recordEnds(in);
        return ends.length == 0 ? Arrays.copyOf(in, random.nextInt(in.length)) : truncateAtRecord(in, random.nextInt(ends.length), boundaries);
    }

    private static byte[] flipBytes(byte[] in, SplittableRandom random) {
        byte[] out = in.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    /** A run of ASCII digits replaced by a hostile number. */
    private static byte[] hostileNumber(byte[] in, SplittableRandom random) {
        int start = random.nextInt(in.length);
        while (start < in.length && !isDigit(in[start])) {
            start++;
        }
        if (start == in.length) {
            return flipBytes(in, random);
        }
        int end = start;
        while (end < in.length && isDigit(in[end])) {
            end++;
        }
        byte[] number = HOSTILE_NUMBERS.get(random.nextInt(HOSTILE_NUMBERS.size())).getBytes(StandardCharsets.US_ASCII);
        return replace(in, start, end, number);
    }

    /** Four bytes overwritten, little-endian, with a count or length no reader should trust. */
    private static byte[] hostileInt(byte[] in, SplittableRandom random) {
        if (in.length < 4) {
            return flipBytes(in, random);
        }
        byte[] out = in.clone();
        int at = random.nextInt(in.length - 3);
        int value = HOSTILE_INTS[random.nextInt(HOSTILE_INTS.length)];
        for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    private static byte[] repeatOrDrop(byte[] in, SplittableRandom random) {
        int from = random.nextInt(in.length);
        int to = from + random.nextInt(Math.min(in.length - from, 4096) + 1);
        if (random.nextBoolean()) {
            return replace(in, from, to, new byte[0]);
        }
        return insert(in, to, Arrays.copyOfRange(in, from, to));
    }

    private static byte[] splice(byte[] in, byte[] other, SplittableRandom random) {
        int cut = random.nextInt(in.length + 1);
        int from = other.length == 0 ? 0 : random.nextInt(other.length);
        byte[] out = Arrays.copyOf(in, cut + other.length - from);
        System.arraycopy(other, from, out, cut, other.length - from);
        return out;
    }

    /** Megabytes of one byte (no line break, no delimiter) dropped in: a line or field far past any sane size. */
    private static byte[] longRun(byte[] in, SplittableRandom random) {
        byte[] run = new byte[LONG_RUN];
        Arrays.fill(run, random.nextBoolean() ? (byte) 'x' : (byte) '"');
        return insert(in, random.nextInt(in.length + 1), run);
    }

    private static byte[] insert(byte[] in, int at, byte[] piece) {
        return replace(in, at, at, piece);
    }

    private static byte[] replace(byte[] in, int from, int to, byte[] piece) {
        byte[] out = new byte[in.length - (to - from) + piece.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(piece, 0, out, from, piece.length);
        System.arraycopy(in, to, out, from + piece.length, in.length - to);
        return out;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
