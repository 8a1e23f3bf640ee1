package io.tilework.sales.map;

import java.util.ArrayList;
import java.util.List;

/**
 * A numeric date pattern ({@code dd/MM/yyyy}, {@code M/d/yyyy}, {@code dd.MM.yy}, {@code MM/yyyy}...) read straight
 * from the bytes, as java.time reads it strictly: {@code dd}, {@code MM} exactly two digits, {@code d}, {@code M} one
 * or more, {@code yyyy} four, {@code yy} two (2000 to 2099), the other characters as written. A pattern with anything
 * else (month names, hours, quotes) has no template and is read through java.time.
 */
final class DateTemplate {

    private static final int LITERAL = 0;
    private static final int DAY = 1;
    private static final int MONTH = 2;
    private static final int YEAR = 3;

    /** Per token: its kind, its width (digits; 1: one or more), and for a literal its byte. */
    private final int[] kinds;
    private final int[] widths;
    private final byte[] literals;

    private DateTemplate(List<int[]> tokens) {
        kinds = tokens.stream().mapToInt(t -> t[0]).toArray();
        widths = tokens.stream().mapToInt(t -> t[1]).toArray();
        literals = new byte[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            literals[i] = (byte) tokens.get(i)[2];
        }
    }

    /** The template of {@code pattern}, or null when it is not a numeric pattern this reads exactly as java.time does. */
    static DateTemplate of(String pattern) {
        var tokens = new ArrayList<int[]>();
        for (int i = 0; i < pattern.length(); ) {
            char c = pattern.charAt(i);
            int run = 1;
            while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
                run++;
            }
            int kind = switch (c) {
                case 'd' -> DAY;
                case 'M' -> MONTH;
                case 'y', 'u' -> YEAR;
                default -> Character.isLetter(c) || c == '\'' || c == '[' || c == ']' || c == '#' || c == '{' || c == '}' || c > 127
                        ? -1 : LITERAL;
            };
            if (kind < 0 || (kind == DAY || kind == MONTH) && run > 2 || kind == YEAR && run != 2 && run != 4) {
                return null;
            }
            if (kind == LITERAL) {
                for (int k = 0; k < run; k++) {
                    tokens.add(new int[] {LITERAL, 0, c});
                }
            } else {
                if (!tokens.isEmpty() && tokens.getLast()[0] != LITERAL) {
                    return null; // adjacent numbers: java.time shares the digits out by width
                }
                tokens.add(new int[] {kind, run, 0});
            }
            i += run;
        }
        boolean day = tokens.stream().anyMatch(t -> t[0] == DAY);
        boolean month = tokens.stream().anyMatch(t -> t[0] == MONTH);
        boolean year = tokens.stream().anyMatch(t -> t[0] == YEAR);
        return month && year ? new DateTemplate(tokens) : null;
    }

    /** Whether the pattern has a day (a date) or not (a month). */
    boolean hasDay() {
        for (int kind : kinds) {
            if (kind == DAY) {
                return true;
            }
        }
        return false;
    }

    /** The month index (months since January 1970) of {@code b[from, to)}, or -1 when it is no date of this pattern from 1970 to 2099. */
    int month(byte[] b, int from, int to) {
        int day = 1;
        int month = 0;
        int year = 0;
        int i = from;
        for (int t = 0; t < kinds.length; t++) {
            if (kinds[t] == LITERAL) {
                if (i >= to || b[i] != literals[t]) {
                    return -1;
                }
                i++;
                continue;
            }
            int start = i;
            int value = 0;
            int max = widths[t] == 1 ? 9 : widths[t];
            while (i < to && i - start < max && b[i] >= '0' && b[i] <= '9') {
                value = value * 10 + b[i++] - '0';
            }
            int digits = i - start;
            if (digits == 0 || widths[t] > 1 && digits != widths[t] || widths[t] == 1 && i < to && b[i] >= '0' && b[i] <= '9') {
                return -1;
            }
            switch (kinds[t]) {
                case DAY -> day = value;
                case MONTH -> month = value;
                default -> year = widths[t] == 2 ? 2000 + value : value;
            }
        }
        if (i != to || month < 1 || month > 12 || day < 1 || year < RowParser.FIRST_YEAR || year > RowParser.LAST_YEAR) {
            return -1;
        }
        int days = switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day > days ? -1 : (year - RowParser.FIRST_YEAR) * 12 + month - 1;
    }
}
