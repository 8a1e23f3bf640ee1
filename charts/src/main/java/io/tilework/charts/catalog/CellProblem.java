package io.tilework.charts.catalog;

import java.util.Locale;

/**
 * A cell that cannot be produced, and why (GDAL's message where GDAL refused it). The message is
 * kept to one printable line of at most {@link #MAX_MESSAGE} characters, whatever a damaged file
 * put in it.
 */
public record CellProblem(String cell, String stage, String message) {

    /** The longest message kept: enough for a path and a reason, short enough for one line of error. */
    public static final int MAX_MESSAGE = 400;
    /** The longest line {@link #oneLine} gives. */
    private static final int MAX_LINE = 560;

    public CellProblem {
        cell = oneLine(cell, 80);
        message = oneLine(message == null ? "(no message)" : message, MAX_MESSAGE);
    }

    /**
     * A failure of {@code cell} whose message names the file it concerns: a message that names none
     * of the cell's files (a failure of a later stage, a reprojection GDAL refused) gets the base
     * file's path in front.
     */
    public static CellProblem of(CellFiles cell, String stage, String message) {
        String text = message == null ? "(no message)" : message;
        boolean namesAFile = java.util.stream.Stream.concat(java.util.stream.Stream.of(cell.baseFile()), cell.updates().stream())
                .anyMatch(file -> text.contains(file.getFileName().toString()));
        return new CellProblem(cell.name(), stage, namesAFile ? text : cell.baseFile() + ": " + text);
    }

    @Override
    public String toString() {
        return cell + " (" + stage + "): " + message;
    }

    /** {@code text} on one printable line of at most 560 characters: control characters as \xNN, the rest cut with "...". */
    public static String oneLine(String text) {
        return oneLine(text, MAX_LINE);
    }

    private static String oneLine(String text, int max) {
        var line = new StringBuilder(Math.min(text.length(), max));
        int i = 0;
        for (; i < text.length() && line.length() < max; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                line.append(' ');
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                line.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                line.append(c);
            }
        }
        if (i < text.length() || line.length() > max) {
            line.setLength(max - 3);
            line.append("...");
        }
        return line.toString();
    }
}
