package io.tilework.sales.input;

/** Writing CSV fields that others read back: quoted when they hold a comma, a quote or a line break. */
public final class Csv {

    private Csv() {
    }

    public static String field(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + text.replace("\"", "\"\"") + '"';
            }
        }
        return text;
    }
}
