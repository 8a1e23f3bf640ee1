package io.tilework.sales.map;

import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.input.Bytes;
import io.tilework.sales.input.Splits;
import java.nio.charset.StandardCharsets;

/**
 * Splits one CSV line into fields (RFC 4180 quoting within a line: a field in double quotes may
 * hold the delimiter, and {@code ""} stands for a quote) and reads the values the KPIs need,
 * straight from the bytes.
 */
public final class RowParser {

    public static final int FIRST_YEAR = 1970;
    public static final int LAST_YEAR = 2099;
    /** Months from January 1970 to December 2099. */
    public static final int MONTHS = (LAST_YEAR - FIRST_YEAR + 1) * 12;

    private final byte delimiter;
    /** The quote byte, or 256 (never a byte) when fields are not quoted. */
    private final int quote;
    /** The escape byte inside quotes when it is not the quote itself (a backslash), else 256. */
    private final int escape;
    /** The delimiter in each of eight bytes, to look for it a word at a time. */
    private final long delimiterWord;
    private final int columns;
    public final int[] starts;
    public final int[] ends;
    private final boolean[] escaped;
    /**
     * After {@link RejectReason#UNCLOSED_QUOTE}: the index of the quote that opened the field, the field (from 0), and
     * whether the quote was closed (then text follows it before the delimiter) or runs to the end of the line.
     */
    public int quoteAt;
    public int quoteField;
    public boolean quoteClosed;

    public RowParser(char delimiter, int columns) {
        this((byte) delimiter, (byte) '"', (byte) '"', columns);
    }

    /** @param quote 0: fields are never quoted; {@code escape} the same as {@code quote}: a quote is doubled inside quotes */
    public RowParser(byte delimiter, byte quote, byte escape, int columns) {
        this.quote = quote == 0 ? 256 : quote;
        this.escape = quote == 0 || escape == quote || escape == 0 ? 256 : escape;
        this.delimiter = delimiter;
        this.delimiterWord = Bytes.inEveryByte(delimiter);
        this.columns = columns;
        this.starts = new int[columns];
        this.ends = new int[columns];
        this.escaped = new boolean[columns];
    }

    /** Finds the fields of {@code bytes[from, to)}; null when there are exactly the header's columns. */
    public RejectReason split(byte[] bytes, int from, int to) {
        return splitPlain(bytes, from, to) ? null : splitFieldByField(bytes, from, to);
    }

    /** {@link #split} a field at a time: any row, quoted fields and wrong column counts included. */
    RejectReason splitFieldByField(byte[] bytes, int from, int to) {
        int column = 0;
        int i = from;
        while (true) {
            if (column == columns) {
                return RejectReason.COLUMN_COUNT;
            }
            if (i < to && bytes[i] == quote) {
                quoteAt = i;
                quoteField = column;
                int start = ++i;
                boolean hasEscape = false;
                while (true) {
                    if (i >= to) {
                        quoteClosed = false;
                        return RejectReason.UNCLOSED_QUOTE;
                    }
                    if (bytes[i] == escape) { // a backslash: the next byte is taken as it is
                        hasEscape = true;
                        i += 2;
                        continue;
                    }
                    if (bytes[i] == quote) {
                        if (escape == 256 && i + 1 < to && bytes[i + 1] == quote) {
                            hasEscape = true;
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i++;
                }
                starts[column] = start;
                ends[column] = i;
                escaped[column] = hasEscape;
                i++; // the closing quote
                if (i < to && bytes[i] != delimiter) {
                    quoteClosed = true;
                    return RejectReason.UNCLOSED_QUOTE;
                }
            } else {
                int start = i;
                i = Bytes.indexOf(bytes, i, to, delimiterWord, delimiter);
                starts[column] = start;
                ends[column] = i;
                escaped[column] = false;
            }
            column++;
            if (i >= to) {
                return column == columns ? null : RejectReason.COLUMN_COUNT;
            }
            i++; // the delimiter
        }
    }

    /**
     * The common row, at a word's cost per eight bytes: no field starts with a quote and there are exactly the
     * header's columns. The delimiters of the whole line are found eight bytes at a time, each field's end taken from
     * the word's mask; false (the fields then undefined) sends the row to {@link #split}'s field by field reading,
     * which says what is wrong. Where no field starts with a quote, both find the same fields.
     */
    boolean splitPlain(byte[] bytes, int from, int to) {
        int last = columns - 1;
        int column = 0;
        int start = from;
        int i = from;
        for (; i < to; i += 8) {
            long word;
            if (i + 8 <= bytes.length) {
                word = Bytes.longAt(bytes, i);
            } else { // the buffer's last bytes: read one at a time
                word = 0;
                for (int k = Math.min(to, bytes.length) - 1; k >= i; k--) {
                    word = word << 8 | (bytes[k] & 0xff);
                }
            }
            long found = Bytes.zeroBytes(word ^ delimiterWord);
            if (to - i < 8) {
                found &= (1L << ((to - i) << 3)) - 1; // bytes past the line are not its delimiters
            }
            while (found != 0) {
                int at = i + (Long.numberOfTrailingZeros(found) >>> 3);
                if (column == last) {
                    return false;
                }
                starts[column] = start;
                ends[column] = at;
                column++;
                start = at + 1;
                found &= found - 1;
            }
        }
        if (column != last) {
            return false;
        }
        starts[last] = start;
        ends[last] = to;
        if (quote != 256) {
            for (int c = 0; c < columns; c++) {
                if (starts[c] < ends[c] && bytes[starts[c]] == quote) {
                    return false;
                }
            }
        }
        java.util.Arrays.fill(escaped, false);
        return true;
    }

    public boolean isEscaped(int column) {
        return escaped[column];
    }

    /** The field as text, quotes unescaped. */
    public String text(byte[] bytes, int column) {
        return text(bytes, column, StandardCharsets.UTF_8);
    }

    /** The field as text in {@code charset}, quotes unescaped. */
    public String text(byte[] bytes, int column, java.nio.charset.Charset charset) {
        if (!escaped[column]) {
            return new String(bytes, starts[column], ends[column] - starts[column], charset);
        }
        byte[] plain = unescaped(bytes, column);
        return new String(plain, 0, plain.length, charset);
    }

    /** The field's bytes with its escapes taken out (a doubled quote is one, a backslash is dropped before what it escapes). */
    public byte[] unescaped(byte[] bytes, int column) {
        int from = starts[column];
        int to = ends[column];
        var out = new java.io.ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            if (escaped[column] && (bytes[i] == escape || (escape == 256 && bytes[i] == quote)) && i + 1 < to) {
                i++;
            }
            out.write(bytes[i]);
        }
        return out.toByteArray();
    }

    /** The days of each month from January 1970 to December 2099, by month index. */
    private static final byte[] DAYS_IN_MONTH = new byte[MONTHS];

    static {
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            for (int month = 1; month <= 12; month++) {
                DAYS_IN_MONTH[(year - FIRST_YEAR) * 12 + month - 1] = (byte) switch (month) {
                    case 2 -> leap ? 29 : 28;
                    case 4, 6, 9, 11 -> 30;
                    default -> 31;
                };
            }
        }
    }

    /**
     * The month of a {@code YYYY-MM-DD} date as months since January 1970, or -1 if it is no real day in range.
     * The ranges are tested together and the month's length looked up: no branch depends on which month it is.
     * Exports are often in date order, and a branch first taken deep into the file (the first February, the
     * first leap day) would send the JIT compiler back to compile the whole map step again.
     */
    public static int month(byte[] b, int from, int to) {
        if (to - from != 10 || b[from + 4] != '-' || b[from + 7] != '-') {
            return -1;
        }
        int year = digits(b, from, 4);
        int month = digits(b, from + 5, 2);
        int day = digits(b, from + 8, 2);
        if ((year - FIRST_YEAR | LAST_YEAR - year | month - 1 | 12 - month | day - 1) < 0) {
            return -1;
        }
        int index = (year - FIRST_YEAR) * 12 + month - 1;
        return day <= DAYS_IN_MONTH[index] ? index : -1;
    }

    /** The number {@code count} digits spell, or -1 when one is not a digit. */
    private static int digits(byte[] b, int from, int count) {
        int value = 0;
        int bad = 0;
        for (int i = from; i < from + count; i++) {
            int d = b[i] - '0';
            bad |= d | 9 - d; // negative when d is not 0..9
            value = value * 10 + d;
        }
        return bad < 0 ? -1 : value;
    }

    /** Price not a number. */
    public static final long BAD = -1;
    /** Price below zero. */
    public static final long NEGATIVE = -2;

    /** A price in cents: digits, optionally a point and one or two decimals; {@link #BAD} or {@link #NEGATIVE} otherwise. */
    public static long cents(byte[] b, int from, int to) {
        boolean negative = from < to && b[from] == '-';
        int i = negative ? from + 1 : from;
        long units = 0;
        int integerDigits = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            units = units * 10 + (b[i] - '0');
            if (++integerDigits > 15) {
                return BAD;
            }
            i++;
        }
        long fraction = 0;
        int decimals = 0;
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (++decimals > 2) {
                    return BAD;
                }
                fraction = fraction * 10 + (b[i] - '0');
                i++;
            }
            if (decimals == 0) {
                return BAD;
            }
        }
        if (i != to || integerDigits == 0) {
            return BAD;
        }
        long value = units * 100 + (decimals == 1 ? fraction * 10 : fraction);
        return negative && value != 0 ? NEGATIVE : value;
    }

    /** No duration given: empty or NULL (any case). */
    public static final int NO_DURATION = 0;

    /** A rental duration in months, {@link #NO_DURATION}, or -1 when it is not a whole number from 1 to 48. */
    public static int duration(byte[] b, int from, int to) {
        if (from == to || (to - from == 4 && (b[from] | 0x20) == 'n' && (b[from + 1] | 0x20) == 'u'
                && (b[from + 2] | 0x20) == 'l' && (b[from + 3] | 0x20) == 'l')) {
            return NO_DURATION;
        }
        if (to - from > 2) {
            return -1;
        }
        int value = digits(b, from, to - from);
        return value >= 1 && value <= 48 ? value : -1;
    }

    /** 0 for a sale ({@code vente}), 1 for a rental ({@code location}), any case; -1 otherwise. */
    public static int type(byte[] b, int from, int to) {
        if (equalsIgnoreCase(b, from, to, "vente")) {
            return 0;
        }
        return equalsIgnoreCase(b, from, to, "location") ? 1 : -1;
    }

    private static boolean equalsIgnoreCase(byte[] b, int from, int to, String ascii) {
        if (to - from != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if ((b[from + i] | 0x20) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A 64-bit hash of {@code bytes[from, to)}: eight bytes at a time (the id of every accepted row is hashed),
     * the length mixed in, then a finaliser that spreads every bit over the top byte the id runs partition by.
     */
    static long hash(byte[] b, int from, int to) {
        long h = 0x9E3779B97F4A7C15L ^ (to - from);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = Long.rotateLeft((h ^ Bytes.longAt(b, i)) * 0xff51afd7ed558ccdL, 29);
        }
        if (i < to) {
            long tail;
            if (i + 8 <= b.length) { // one read, the bytes past the end masked off: the same value as byte by byte
                tail = Bytes.longAt(b, i) & ((1L << ((to - i) << 3)) - 1);
            } else {
                tail = 0;
                for (int k = to - 1; k >= i; k--) {
                    tail = tail << 8 | (b[k] & 0xff);
                }
            }
            h = Long.rotateLeft((h ^ tail) * 0xff51afd7ed558ccdL, 29);
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
