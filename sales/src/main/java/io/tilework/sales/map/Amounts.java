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
    /** The currency symbols in the file's encoding, stripped before or after the number by the byte reader. */
    private final byte[][] symbols;
    /** The thousands separator as a byte (ASCII), or -1 when there is none or it is not one byte. */
    private final int thousandsByte;

    Amounts(SalesSchema.Numbers numbers, Charset charset) {
        this.decimal = numbers.decimal();
        this.thousands = numbers.thousands();
        this.currency = numbers.currency().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        this.charset = charset;
        this.plain = decimal == '.' && thousands == 0 && currency.isEmpty();
        this.symbols = numbers.currency().stream().map(c -> c.strip().getBytes(charset)).toArray(byte[][]::new);
        this.thousandsByte = thousands != 0 && thousands < 128 ? thousands : -1;
    }

    /** An amount in cents: at most two decimals; {@link RowParser#BAD} or {@link RowParser#NEGATIVE} otherwise. */
    long cents(byte[] b, int from, int to) {
        if (plain) {
            return RowParser.cents(b, from, to);
        }
        long cents = bytesToCents(b, from, to);
        return cents != UNSURE ? cents : cents(decimal(b, from, to));
    }

    /** The byte reader could not say: the text reader decides (a rare notation, or a bad value). */
    private static final long UNSURE = Long.MIN_VALUE;

    /**
     * The common case, straight from the bytes: spaces and a currency symbol before or after, a minus, digits with
     * thousands separators, the decimal separator and at most two decimals. Anything else is {@link #UNSURE}.
     */
    private long bytesToCents(byte[] b, int from, int to) {
        from = skipSpaces(b, from, to);
        to = skipSpacesBack(b, from, to);
        for (byte[] symbol : symbols) {
            if (startsWith(b, from, to, symbol)) {
                from = skipSpaces(b, from + symbol.length, to);
                break;
            }
            if (to - from >= symbol.length && startsWith(b, to - symbol.length, to, symbol)) {
                to = skipSpacesBack(b, from, to - symbol.length);
                break;
            }
        }
        boolean negative = from < to && b[from] == '-';
        int i = negative ? from + 1 : from;
        long units = 0;
        int digits = 0;
        while (i < to) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                units = units * 10 + c - '0';
                if (++digits > 15) {
                    return UNSURE;
                }
            } else if (c != thousandsByte || digits == 0) {
                break;
            }
            i++;
        }
        if (digits == 0 || b[i - 1] == thousandsByte) {
            return UNSURE;
        }
        long fraction = 0;
        int decimals = 0;
        if (i < to && b[i] == decimal) {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (++decimals > 2) {
                    return UNSURE;
                }
                fraction = fraction * 10 + b[i++] - '0';
            }
            if (decimals == 0) {
                return UNSURE;
            }
        }
        if (i != to) {
            return UNSURE;
        }
        long value = units * 100 + (decimals == 1 ? fraction * 10 : fraction);
        return negative && value != 0 ? RowParser.NEGATIVE : value;
    }

    private static int skipSpaces(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        return from;
    }

    private static int skipSpacesBack(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length || prefix.length == 0) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[from + k] != prefix[k]) {
                return false;
            }
        }
        return true;
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
        long cents = plain ? RowParser.cents(b, from, to) : bytesToCents(b, from, to);
        if (cents >= 0) {
            return BigDecimal.valueOf(cents, 2);
        }
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
