package io.tilework.bench.sales;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The same rows in another dialect, for bench/sales.sh's schema rows: a file of `tilework sales
 * generate` (our layout) rewritten as an export of another tool would write it — {@code ;}, English
 * headers in another order, dd/MM/yyyy dates, amounts as {@code 12.345,67}, the type as S or R —
 * so that reading it through a schema file can be timed against reading the original with the
 * built-in reader. A line whose fields cannot be split (an unclosed quote: one of the generator's bad
 * rows) keeps its fields, with the delimiter changed; a value that is not what its column should
 * hold (a bad date or price) is written as it was, so the bad rows stay bad.
 * Arguments: IN OUT; writes OUT's schema file beside it as OUT.yaml.
 */
public final class ForeignDialect {

    /** The foreign header, and for each of its columns the built-in column it comes from. */
    private static final String HEADER = "Invoice;Branch;Signed on;Kind;Vehicle;Months;Amount";
    private static final int[] FROM = {0, 2, 1, 3, 4, 6, 5};

    static final String SCHEMA = """
            # The foreign dialect of bench/sales.sh (ForeignDialect): the generator's rows in another tool's layout
            schema: foreign
            dialect:
              encoding: utf-8
              delimiter: ";"
              quote: '"'
              escape: '"'
              header: true
              skip: 0
              nulls: ["", "NULL"]
            numbers:
              decimal: ","
              thousands: "."
              currency: []
            dates: ["dd/MM/yyyy"]
            concepts:
              id: {column: Invoice}
              date: {column: Signed on}
              city: {column: Branch, normalise: [trim, case, accents]}
              type: {column: Kind, sale: [S], rental: [R]}
              model: {column: Vehicle}
              price: {column: Amount}
              duration: {column: Months}
            """;

    private ForeignDialect() {
    }

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.writeString(Path.of(args[1] + ".yaml"), SCHEMA);
        try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            writer.write(HEADER);
            writer.write('\n');
            var fields = new ArrayList<String>(8);
            while ((line = reader.readLine()) != null) {
                writer.write(convert(line, fields));
                writer.write('\n');
            }
        }
    }

    static String convert(String line, List<String> fields) {
        if (!split(line, fields)) {
            return line.replace(',', ';');
        }
        if (fields.size() != FROM.length) {
            // a row of the wrong column count stays one
            var same = new StringBuilder();
            for (int i = 0; i < fields.size(); i++) {
                same.append(i == 0 ? "" : ";").append(quoted(fields.get(i)));
            }
            return same.toString();
        }
        var row = new StringBuilder(line.length() + 8);
        for (int i = 0; i < FROM.length; i++) {
            String value = fields.get(FROM[i]);
            value = switch (FROM[i]) {
                case 1 -> date(value);
                case 3 -> value.equals("vente") ? "S" : value.equals("location") ? "R" : value;
                case 5 -> amount(value);
                default -> value;
            };
            row.append(i == 0 ? "" : ";").append(quoted(value));
        }
        return row.toString();
    }

    /** yyyy-MM-dd as dd/MM/yyyy; anything else as it is. */
    private static String date(String value) {
        if (value.length() == 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
            return value.substring(8) + "/" + value.substring(5, 7) + "/" + value.substring(0, 4);
        }
        return value;
    }

    /** 12345.67 as 12.345,67; anything that is not digits with an optional point and decimals as it is. */
    private static String amount(String value) {
        if (!value.matches("\\d+(\\.\\d{1,2})?")) {
            return value;
        }
        int point = value.indexOf('.');
        String whole = point < 0 ? value : value.substring(0, point);
        var grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append('.');
            }
            grouped.append(whole.charAt(i));
        }
        return point < 0 ? grouped.toString() : grouped + "," + value.substring(point + 1);
    }

    private static String quoted(String value) {
        return value.indexOf(';') >= 0 || value.indexOf('"') >= 0 ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** The fields of a line of the built-in layout; false when a quote is not closed or text follows one. */
    private static boolean split(String line, List<String> fields) {
        fields.clear();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                var value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= line.length()) {
                        return false;
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            value.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        value.append(c);
                    }
                }
                fields.add(value.toString());
                if (i < line.length() && line.charAt(i) != ',') {
                    return false;
                }
            } else {
                int end = line.indexOf(',', i);
                fields.add(line.substring(i, end < 0 ? line.length() : end));
                i = end < 0 ? line.length() : end;
            }
            if (i >= line.length()) {
                return true;
            }
            i++;
        }
    }
}
