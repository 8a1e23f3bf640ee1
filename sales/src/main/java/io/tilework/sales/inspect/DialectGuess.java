package io.tilework.sales.inspect;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The delimiter, quote, escape and lines to skip of CSV text, from its first records. For each
 * candidate delimiter the text is split into records (quotes honoured); the delimiter whose most
 * frequent field count (at least two) is shared by the largest share of the records wins, ties
 * going to more fields (a {@code ;} file with decimal commas splits consistently on {@code ,} too,
 * into fewer fields, and its header does not). Lines before the first record of that field
 * count are titles or notes to skip.
 *
 * @param delimiter  the field delimiter
 * @param quote      the quote character
 * @param escape     the quote itself (doubled inside quotes) or {@code \}
 * @param skip       lines before the header (or the first row)
 * @param fields     the field count of the records
 * @param consistent the share of the looked-at records that have that count
 * @param quotesSeen whether any field was quoted
 */
record DialectGuess(char delimiter, char quote, char escape, int skip, int fields, double consistent, boolean quotesSeen) {

    static final char[] DELIMITERS = {',', ';', '\t', '|'};
    /** Records looked at per candidate. */
    static final int LOOKED_AT = 500;

    static DialectGuess of(String text) {
        char quote = count(text, '\'') > 2 * count(text, '"') && quotedFields(text, '\'') ? '\'' : '"';
        char escape = backslashEscapes(text, quote) ? '\\' : quote;
        DialectGuess best = null;
        for (char delimiter : DELIMITERS) {
            DialectGuess guess = tryDelimiter(text, delimiter, quote, escape);
            if (guess != null && (best == null || guess.consistent > best.consistent + 1e-9
                    || Math.abs(guess.consistent - best.consistent) <= 1e-9 && guess.fields > best.fields)) {
                best = guess;
            }
        }
        return best != null ? best : new DialectGuess(',', quote, escape, 0, 1, 1, false);
    }

    private static DialectGuess tryDelimiter(String text, char delimiter, char quote, char escape) {
        List<CsvRecords.Row> rows = new ArrayList<>();
        try {
            var records = new CsvRecords(new StringReader(text), delimiter, quote, escape);
            for (CsvRecords.Row row = records.next(); row != null && rows.size() < LOOKED_AT; row = records.next()) {
                if (!(row.fields().size() == 1 && row.fields().getFirst().isBlank())) {
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.size() > 1 && !text.endsWith("\n") && !text.endsWith("\r")) {
            rows.removeLast(); // the sample may cut the last record
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (CsvRecords.Row row : rows) {
            counts.merge(row.fields().size(), 1, Integer::sum);
        }
        int mode = 0;
        int modeCount = 0;
        for (var e : counts.entrySet()) {
            if (e.getValue() > modeCount || e.getValue() == modeCount && e.getKey() > mode) {
                mode = e.getKey();
                modeCount = e.getValue();
            }
        }
        if (mode < 2) {
            return null;
        }
        int skip = 0;
        for (CsvRecords.Row row : rows) {
            if (row.fields().size() == mode) {
                skip = (int) row.line() - 1;
                break;
            }
        }
        boolean quoted = text.indexOf(delimiter + "" + quote) >= 0 || text.indexOf(quote) == 0 || text.contains("\n" + quote);
        return new DialectGuess(delimiter, quote, escape, skip, mode, (double) modeCount / rows.size(), quoted);
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += text.charAt(i) == c ? 1 : 0;
        }
        return n;
    }

    /** Whether {@code q} opens fields: right after a delimiter or a line start. */
    private static boolean quotedFields(String text, char q) {
        for (char d : DELIMITERS) {
            if (text.contains(d + "" + q)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code \"} appears inside a field (not closing it: something other than a delimiter or line break follows). */
    private static boolean backslashEscapes(String text, char quote) {
        for (int i = text.indexOf("\\" + quote); i >= 0 && i + 2 <= text.length(); i = text.indexOf("\\" + quote, i + 1)) {
            char after = i + 2 < text.length() ? text.charAt(i + 2) : '\n';
            if (after != '\n' && after != '\r' && after != ',' && after != ';' && after != '\t' && after != '|') {
                return true;
            }
        }
        return false;
    }
}
