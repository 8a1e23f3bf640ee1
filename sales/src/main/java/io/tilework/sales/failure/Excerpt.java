package io.tilework.sales.failure;

/**
 * What a message shows of the user's bytes: a short, escaped excerpt. A bad line may be megabytes
 * long or binary, and a message is one line a person reads in a terminal, so at most
 * {@value #CHARACTERS} characters are shown; control and format characters (line breaks, escape
 * sequences, bidirectional overrides) and bytes that are not UTF-8 are written as {@code \xNN} or
 * {@code \}{@code u}{@code NNNN}; a cut excerpt ends with {@code …} and the whole length.
 */
public final class Excerpt {

    /** The most characters an excerpt shows. */
    public static final int CHARACTERS = 80;

    private Excerpt() {
    }

    /** {@code bytes[from, to)} as an excerpt. */
    public static String of(byte[] bytes, int from, int to) {
        return of(bytes, from, to, to - from);
    }

    /** The first bytes of something {@code length} bytes long, {@code bytes[from, to)}, as an excerpt. */
    public static String of(byte[] bytes, int from, int to, long length) {
        var out = new StringBuilder();
        int i = from;
        for (int shown = 0; i < to && shown < CHARACTERS; shown++) {
            int n = Utf8.length(bytes, i, to);
            if (n > 0) {
                appendEscaped(out, Utf8.codePoint(bytes, i, n));
                i += n;
            } else { // not UTF-8: the byte itself, and on after it
                out.append(String.format("\\x%02x", bytes[i] & 0xff));
                i++;
            }
        }
        return i < to || to - from < length ? out + "… (" + length + " bytes)" : out.toString();
    }

    /** {@code text} as an excerpt. */
    public static String of(String text) {
        var out = new StringBuilder();
        int shown = 0;
        int i = 0;
        while (i < text.length()) {
            if (shown == CHARACTERS) {
                return out + "… (" + text.length() + " characters)";
            }
            int c = text.codePointAt(i);
            appendEscaped(out, c);
            i += Character.charCount(c);
            shown++;
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, int c) {
        if (c == '\t') {
            out.append("\\t");
        } else if (c == '\r') {
            out.append("\\r");
        } else if (c == '\n') {
            out.append("\\n");
        } else if (c == '\\') {
            out.append("\\\\");
        } else if (visible(c)) {
            out.appendCodePoint(c);
        } else if (c < 0x100) {
            out.append(String.format("\\x%02x", c));
        } else {
            out.append(String.format("\\u%04x", c));
        }
    }

    private static boolean visible(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE,
                 Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> c != '\uFFFD';
        };
    }
}
