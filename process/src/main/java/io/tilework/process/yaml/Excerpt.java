package io.tilework.process.yaml;

/**
 * A piece of what a user wrote, fit to stand in a one-line message: control characters escaped
 * (as {@code \n}, {@code \t} or a Unicode escape), cut to a length with an ellipsis. A message that
 * quotes a key, a value or a parser's complaint about them stays one short, printable line
 * whatever the file holds.
 */
public final class Excerpt {

    /** What a message quotes of one value: enough to recognise it. */
    public static final int SHORT = 80;
    /** The most of a whole message line. */
    public static final int LINE = 300;

    private Excerpt() {
    }

    /** {@code text} escaped and cut to {@link #SHORT} characters. */
    public static String of(String text) {
        return of(text, SHORT);
    }

    /** {@code text} escaped and cut to about {@code max} characters (an ellipsis marks the cut); "null" for null. */
    public static String of(String text, int max) {
        if (text == null) {
            return "null";
        }
        var out = new StringBuilder(Math.min(text.length(), max) + 8);
        int i = 0;
        for (; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                    if (pair) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return i < text.length() ? out.append("...").toString() : out.toString();
    }
}
