package io.tilework.sales.map;

import io.tilework.sales.schema.SalesSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Amounts and counts as a schema says they are written: the decimal separator, a thousands separator, currency
 * symbols before or after. Amounts are kept in cents, so sums stay exact. Numbers written as our own files write them
 * (a point, no separator, no symbol) are read straight from the bytes ({@link RowParser#cents}); the others as text.
 */
final class Amounts {

    private final char decimal;
    private final char thousands;
    private final List<String> currency;
    private final Charset charset;
    /** Our own notation in an ASCII-compatible encoding: the byte reader applies. */
    final boolean plain;

    Amounts(SalesSchema.Numbers numbers, Charset charset) {
        this.decimal = numbers.decimal();
        this.thousands = numbers.thousands();
        this.currency = numbers.currency().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        this.charset = charset;
        this.plain = decimal == '.' && thousands == 0 && currency.isEmpty();
    }

    /** An amount in cents: at most two decimals; {@link RowParser#BAD} or {@link RowParser#NEGATIVE} otherwise. */
    long cents(byte[] b, int from, int to) {
        if (plain) {
            return RowParser.cents(b, from, to);
        }
        return cents(decimal(b, from, to));
    }

    /** {@code value} in cents when it has at most two decimals (and 15 digits before them). */
    static long cents(BigDecimal value) {
        if (value == null) {
            return RowParser.BAD;
        }
        BigDecimal cents = value.movePointRight(2);
        if (cents.signum() != 0 && cents.stripTrailingZeros().scale() > 0 || cents.abs().compareTo(BigDecimal.TEN.pow(17)) >= 0) {
            return RowParser.BAD;
        }
        return cents.signum() < 0 ? RowParser.NEGATIVE : cents.longValue();
    }

    /** An expression's value rounded to the cent (half away from zero, as SQL's ROUND). */
    static long roundedCents(BigDecimal value) {
        return value == null ? RowParser.BAD : cents(value.setScale(2, RoundingMode.HALF_UP));
    }

    /** A whole number from 0 ({@code -1} when it is not one). */
    int whole(byte[] b, int from, int to) {
        int value = 0;
        int i = from;
        while (i < to && b[i] >= '0' && b[i] <= '9' && value < 100_000_000) {
            value = value * 10 + b[i++] - '0';
        }
        if (i == to && to > from) {
            return value;
        }
        BigDecimal d = decimal(b, from, to);
        try {
            return d == null || d.signum() < 0 ? -1 : d.intValueExact();
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** The number written in {@code b[from, to)}, or null when it is not one. */
    BigDecimal decimal(byte[] b, int from, int to) {
        return decimal(new String(b, from, to - from, charset));
    }

    BigDecimal decimal(String text) {
        String s = text.strip();
        if (!currency.isEmpty()) {
            String lower = s.toLowerCase(Locale.ROOT);
            for (String symbol : currency) {
                int at = lower.indexOf(symbol);
                if (at >= 0) {
                    s = (s.substring(0, at) + s.substring(at + symbol.length())).strip();
                    lower = s.toLowerCase(Locale.ROOT);
                }
            }
        }
        var digits = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (thousands != 0 && (c == thousands || thousands == ' ' && (c == '\u00a0' || c == '\u202f'))) {
                if (i == 0 || i == s.length() - 1) {
                    return null;
                }
                continue;
            }
            if (c == decimal) {
                digits.append('.');
            } else if ((c >= '0' && c <= '9') || ((c == '-' || c == '+') && digits.isEmpty())) {
                digits.append(c);
            } else {
                return null;
            }
        }
        int start = !digits.isEmpty() && (digits.charAt(0) == '-' || digits.charAt(0) == '+') ? 1 : 0;
        if (digits.length() == start || digits.charAt(start) == '.' || digits.charAt(digits.length() - 1) == '.') {
            return null;
        }
        try {
            return new BigDecimal(digits.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Charset charset(String encoding) {
        return switch (encoding) {
            case "windows-1252" -> Charset.forName("windows-1252");
            case "iso-8859-1" -> StandardCharsets.ISO_8859_1;
            default -> StandardCharsets.UTF_8;
        };
    }
}
