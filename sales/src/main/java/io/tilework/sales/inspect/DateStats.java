package io.tilework.sales.inspect;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date or month pattern of a column, from the shapes of its values: where the year is, and for
 * {@code 05/03/2024} whether the day or the month comes first, decided by the values over 12 (a
 * first part over 12 is a day, a second part over 12 makes it month/day); when no value says, the
 * column is ambiguous, taken as day/month, and said so. The pattern found is then checked on every
 * value (a real day, strictly).
 */
final class DateStats {

    /** A day in numbers, then perhaps a time: hours, minutes, seconds, a fraction, a zone ({@code Z}, {@code +01:00}). */
    private static final Pattern DAY = Pattern.compile("(\\d{1,4})([-/.])(\\d{1,2})\\2(\\d{2,4})"
            + "(?:([ T])(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(Z|[+-]\\d{2}:?\\d{2})?)?");
    /** A day with the month's English name: {@code 05-Jan-2024}, {@code 5 January 2024}. */
    private static final Pattern DAY_NAMED = Pattern.compile("(\\d{1,2})([- ])([A-Za-z]{3,9})\\2(\\d{4})");
    /** The American way: {@code Jan 5, 2024}. */
    private static final Pattern NAMED_DAY = Pattern.compile("([A-Za-z]{3,9}) (\\d{1,2}), (\\d{4})");
    private static final Pattern MONTH_FIRST_YEAR = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})");
    private static final Pattern MONTH_LAST_YEAR = Pattern.compile("(\\d{1,2})([-/.])(\\d{4})");
    private static final Pattern MONTH_NAME = Pattern.compile("([A-Za-z]{3,9})([ -])(\\d{4})");
    /** The year first, as statistics offices write it: {@code 2024 January}, {@code 2024-Jan}. */
    private static final Pattern YEAR_MONTH_NAME = Pattern.compile("(\\d{4})([ -])([A-Za-z]{3,9})");

    /** The most values kept to check the pattern found on (the first ones). */
    private static final int CHECKED = 20_000;
    private final List<String> days = new ArrayList<>();
    long dayShaped;
    long monthShaped;
    private long yearFirst;
    private int maxFirst;
    private int maxSecond;
    private boolean unpaddedFirst;
    private boolean unpaddedSecond;
    private char separator;
    private int yearDigits;
    private String time = "";
    private String monthPattern;
    private String namedPattern;
    /** Whether a month name is spelt in full ({@code January}): {@code MMMM}, which also reads {@code May}. */
    private boolean fullNames;
    private long namedShaped;
    private boolean allFirstOfMonth = true;

    void add(String value) {
        String v = value.strip();
        if (v.length() < 6 || v.length() > 40 || !Character.isDigit(v.charAt(0)) && !Character.isDigit(v.charAt(v.length() - 1))) {
            return; // every shape below is 6 to 40 characters long and starts or ends with a digit
        }
        if (named(v)) {
            return;
        }
        Matcher m = DAY.matcher(v);
        if (Character.isDigit(v.charAt(0)) && m.matches()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(3));
            boolean isoLike = m.group(1).length() == 4;
            if (isoLike) {
                yearFirst++;
                maxFirst = Math.max(maxFirst, b); // month
                maxSecond = Math.max(maxSecond, Integer.parseInt(m.group(4)));
                unpaddedFirst |= m.group(3).length() == 1;
                unpaddedSecond |= m.group(4).length() == 1;
                yearDigits = 4;
                allFirstOfMonth &= Integer.parseInt(m.group(4)) == 1;
            } else {
                maxFirst = Math.max(maxFirst, a);
                maxSecond = Math.max(maxSecond, b);
                unpaddedFirst |= m.group(1).length() == 1;
                unpaddedSecond |= m.group(3).length() == 1;
                yearDigits = Math.max(yearDigits, m.group(4).length());
            }
            separator = m.group(2).charAt(0);
            if (m.group(5) != null && time.isEmpty()) { // the first value's time; the check on every value tells if others differ
                String zone = m.group(10);
                time = (m.group(5).equals("T") ? "'T'" : " ") + (m.group(6).length() == 1 ? "H" : "HH") + ":mm"
                        + (m.group(8) != null ? ":ss" : "") + (m.group(9) != null ? "." + "S".repeat(m.group(9).length()) : "")
                        + (zone == null ? "" : zone.equals("Z") || zone.contains(":") ? "XXX" : "XX");
            }
            if (days.size() < CHECKED) {
                days.add(v);
            }
            dayShaped++;
            return;
        }
        String p = null;
        Matcher y = MONTH_FIRST_YEAR.matcher(v);
        Matcher l = MONTH_LAST_YEAR.matcher(v);
        Matcher n = MONTH_NAME.matcher(v);
        Matcher yearName = YEAR_MONTH_NAME.matcher(v);
        if (y.matches() && Integer.parseInt(y.group(3)) <= 12) {
            p = "yyyy" + y.group(2) + (y.group(3).length() == 1 ? "M" : "MM");
        } else if (l.matches() && Integer.parseInt(l.group(1)) <= 12) {
            p = (l.group(1).length() == 1 ? "M" : "MM") + l.group(2) + "yyyy";
        } else if (n.matches() && isMonthName(n.group(1))) {
            p = "MMM" + n.group(2) + "yyyy";
            fullNames |= n.group(1).length() > 3 && !n.group(1).equalsIgnoreCase("sept");
        } else if (yearName.matches() && isMonthName(yearName.group(3))) {
            p = "yyyy" + yearName.group(2) + "MMM";
            fullNames |= yearName.group(3).length() > 3;
        }
        if (p != null) {
            monthPattern = monthPattern == null ? p : monthPattern;
            monthShaped++;
        }
    }

    /** A day with the month's name; counted, and its pattern kept, if it is one. */
    private boolean named(String v) {
        Matcher d = DAY_NAMED.matcher(v);
        Matcher n = NAMED_DAY.matcher(v);
        String pattern;
        if (d.matches() && isMonthName(d.group(3))) {
            String day = d.group(1).length() == 1 ? "d" : "dd";
            pattern = day + d.group(2) + "MMM" + d.group(2) + "yyyy";
            fullNames |= d.group(3).length() > 3 && !d.group(3).equalsIgnoreCase("sept");
        } else if (n.matches() && isMonthName(n.group(1))) {
            pattern = "MMM d, yyyy";
            fullNames |= n.group(1).length() > 3 && !n.group(1).equalsIgnoreCase("sept");
        } else {
            return false;
        }
        namedPattern = namedPattern == null ? pattern : namedPattern;
        namedShaped++;
        dayShaped++;
        if (days.size() < CHECKED) {
            days.add(v);
        }
        return true;
    }

    private static boolean isMonthName(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (String month : List.of("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")) {
            if (w.length() == 3 ? month.startsWith(w) : month.equals(w)) {
                return true;
            }
        }
        return w.equals("sept");
    }

    /** Whether the days' order could not be told from the values: every first and second part is 12 or less. */
    boolean ambiguous() {
        return !namedMonth() && yearFirst == 0 && maxFirst <= 12 && maxSecond <= 12;
    }

    /** Whether the days name their month ({@code 05-Jan-2024}): no order to decide. */
    boolean namedMonth() {
        return namedShaped * 2 > dayShaped;
    }

    boolean monthFirst() {
        return !namedMonth() && yearFirst == 0 && maxFirst <= 12 && maxSecond > 12;
    }

    /** Whether every date is the first of its month: data aggregated by month written as days. */
    boolean firstOfMonth() {
        return yearFirst > 0 && allFirstOfMonth;
    }

    /** The day patterns, padded first then unpadded if any value is: {@code dd/MM/yyyy}, {@code d/M/yyyy}. */
    List<String> dayPatterns() {
        if (namedMonth()) {
            return List.of(names(namedPattern));
        }
        String year = yearDigits == 2 ? "yy" : "yyyy";
        String s = String.valueOf(separator);
        String padded;
        String loose;
        if (yearFirst > 0) {
            padded = "yyyy" + s + "MM" + s + "dd" + time;
            loose = "yyyy" + s + "M" + s + "d" + time;
        } else if (monthFirst()) {
            padded = "MM" + s + "dd" + s + year + time;
            loose = "M" + s + "d" + s + year + time;
        } else {
            padded = "dd" + s + "MM" + s + year + time;
            loose = "d" + s + "M" + s + year + time;
        }
        return unpaddedFirst || unpaddedSecond ? List.of(padded, loose) : List.of(padded);
    }

    String monthPattern() {
        return monthPattern == null ? null : names(monthPattern);
    }

    /** {@code MMM} (Jan) becomes {@code MMMM} (January) when a value spells a month in full. */
    private String names(String pattern) {
        return fullNames ? pattern.replace("MMM", "MMMM") : pattern;
    }

    /** How many of the day-shaped values are real days in {@code patterns}. */
    long realDays(List<String> patterns) {
        List<DateTimeFormatter> formats = patterns.stream()
                .map(p -> new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p.replace("yyyy", "uuuu").replace("yy", "uu"))
                        .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT))
                .toList();
        long real = 0;
        for (String v : days) {
            for (DateTimeFormatter f : formats) {
                try {
                    LocalDate.parse(v, f);
                    real++;
                    break;
                } catch (DateTimeParseException e) {
                    // the next pattern
                }
            }
        }
        return real;
    }

    /** Whether {@code value} is a month in {@code pattern}. */
    static boolean isMonth(String value, String pattern) {
        try {
            YearMonth.parse(value.strip(), DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu"), Locale.ENGLISH)
                    .withResolverStyle(ResolverStyle.STRICT));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
