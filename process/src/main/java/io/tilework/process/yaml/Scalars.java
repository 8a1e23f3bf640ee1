package io.tilework.process.yaml;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads YAML scalars as numbers, booleans and durations. */
public final class Scalars {

    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

    private Scalars() {
    }

    /** A scalar as YAML's core schema types it: integer, decimal, boolean or text. */
    public static Object typed(String text) {
        if (INTEGER.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooLong) {
                return text;
            }
        }
        if (DECIMAL.matcher(text).matches()) {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : text; // like a whole number too long for 64 bits: kept as written
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> text;
        };
    }

    /**
     * "250ms", "30s", "5m", "2h", "1d" or ISO-8601 "PT5M"; null if it is neither, or if it is too
     * long to count in milliseconds (about 292 million years: a duration nobody means).
     */
    public static Duration duration(String text) {
        Matcher shortForm = SHORT_DURATION.matcher(text.trim());
        try {
            Duration duration;
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                duration = switch (shortForm.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } else {
                duration = Duration.parse(text.trim());
            }
            duration.toMillis(); // what every user of a duration takes: it must fit
            return duration;
        } catch (java.time.format.DateTimeParseException | ArithmeticException | NumberFormatException tooLongOrNotOne) {
            return null;
        }
    }
}
