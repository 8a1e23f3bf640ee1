package io.tilework.sales.inspect;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a column's numbers are written, from its values: integer or decimal, the decimal and
 * thousands separators, the currency symbols or codes around them. A value with both {@code .} and
 * {@code ,} says which is which (the last is the decimal separator); a lone separator followed by
 * one, two or four digits is a decimal one; one followed by exactly three digits ({@code 45,000})
 * is ambiguous, and taken for a thousands separator unless another value says otherwise.
 */
final class NumberStats {

    static final List<String> CURRENCIES = List.of("€", "$", "£", "¥", "CHF", "EUR", "USD", "GBP", "JPY", "US$");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d[\\d., '\u00a0\u202f]*");
    private static final String SPACES = " '\u00a0\u202f";

    long numbers;
    long negatives;
    /** Separators seen for sure as decimal ones, as thousands ones, and seen only in the ambiguous {@code d,ddd} form. */
    final Set<Character> decimals = new LinkedHashSet<>();
    final Set<Character> thousands = new LinkedHashSet<>();
    final Set<Character> ambiguous = new LinkedHashSet<>();
    final Set<String> currencies = new LinkedHashSet<>();
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;

    /** Adds {@code value} if it is a number; false if it is not one. */
    boolean add(String value) {
        String v = value.strip();
        if (v.isEmpty() || !mayBeNumber(v.charAt(0), "+-€$£¥CEUGJ") || !mayBeNumber(v.charAt(v.length() - 1), "€$£¥FRDPY")) {
            return false; // most text, at the cost of two characters
        }
        String currency = null;
        for (String c : CURRENCIES) {
            if (v.startsWith(c) || v.endsWith(c)) {
                currency = c;
                v = (v.startsWith(c) ? v.substring(c.length()) : v.substring(0, v.length() - c.length())).strip();
                break;
            }
        }
        if (v.startsWith("-") && currency != null && v.length() > 1 && CURRENCIES.stream().anyMatch(v.substring(1)::startsWith)) {
            return false;
        }
        if (v.isEmpty() || !Character.isDigit(v.charAt(v.length() - 1)) || !NUMBER.matcher(v).matches()) {
            return false;
        }
        Character decimal = null;
        Character thousand = null;
        Character unsure = null;
        int lastDot = v.lastIndexOf('.');
        int lastComma = v.lastIndexOf(',');
        if (lastDot >= 0 && lastComma >= 0) {
            decimal = lastDot > lastComma ? '.' : ',';
            thousand = lastDot > lastComma ? ',' : '.';
            if (v.indexOf(decimal) != v.lastIndexOf(decimal)) {
                return false;
            }
        } else if (lastDot >= 0 || lastComma >= 0) {
            char c = lastDot >= 0 ? '.' : ',';
            int at = Math.max(lastDot, lastComma);
            int after = v.length() - at - 1;
            if (v.indexOf(c) != at) {
                thousand = c; // several: thousands groups
            } else if (after == 3 && digits(v, at) <= 3) {
                unsure = c;
            } else {
                decimal = c;
            }
        }
        for (int i = 0; i < v.length(); i++) {
            if (SPACES.indexOf(v.charAt(i)) >= 0) {
                thousand = v.charAt(i);
            }
        }
        if (thousand != null && !groupsOfThree(v, thousand, decimal)) {
            return false;
        }
        numbers++;
        if (decimal != null) {
            decimals.add(decimal);
        }
        if (thousand != null) {
            thousands.add(thousand);
        }
        if (unsure != null) {
            ambiguous.add(unsure);
        }
        if (currency != null) {
            currencies.add(currency);
        }
        var plain = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (decimal != null && c == decimal) {
                plain.append('.');
            } else if (Character.isDigit(c) || c == '-' || c == '+') {
                plain.append(c);
            }
        }
        double d = Double.parseDouble(plain.toString());
        negatives += d < 0 ? 1 : 0;
        max = Math.max(max, d);
        min = Math.min(min, d);
        return true;
    }

    private static int digits(String v, int to) {
        int n = 0;
        for (int i = 0; i < to; i++) {
            n += Character.isDigit(v.charAt(i)) ? 1 : 0;
        }
        return n;
    }

    private static boolean mayBeNumber(char c, String others) {
        return c >= '0' && c <= '9' || others.indexOf(c) >= 0;
    }

    private static boolean groupsOfThree(String v, char thousand, Character decimal) {
        String whole = decimal == null ? v : v.substring(0, v.indexOf(decimal));
        String[] groups = whole.replaceFirst("^[+-]", "").split(Pattern.quote(String.valueOf(thousand)), -1);
        for (int i = 1; i < groups.length; i++) {
            if (groups[i].length() != 3) {
                return false;
            }
        }
        return groups[0].length() >= 1 && groups[0].length() <= 3;
    }

    /** The decimal separator: the one seen for sure ({@code .} when none was). */
    char decimal() {
        if (!decimals.isEmpty()) {
            return decimals.iterator().next();
        }
        return '.';
    }

    /** The thousands separator, 0 for none. */
    char thousands() {
        for (char c : thousands) {
            if (c != decimal()) {
                return c;
            }
        }
        for (char c : ambiguous) {
            if (c != decimal()) {
                return c;
            }
        }
        return 0;
    }

    /** Whether the numbers have decimals: a decimal separator was seen for sure, in a way no value contradicts. */
    boolean decimalNumbers() {
        return decimals.size() == 1 && !thousands.contains(decimal());
    }

    String describe() {
        var parts = new StringBuilder();
        parts.append(decimalNumbers() ? "decimal '" + decimal() + "'" : "integer");
        if (thousands() != 0) {
            parts.append(", thousands '").append(thousands() == ' ' ? "space" : String.valueOf(thousands())).append("'");
        }
        if (!currencies.isEmpty()) {
            parts.append(", currency ").append(String.join(" ", currencies));
        }
        if (numbers > 0) {
            parts.append(String.format(Locale.ROOT, ", %s to %s", plain(min), plain(max)));
        }
        return parts.toString();
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
