package io.tilework.sales.dialects;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes {@link SaleRow}s as a file of one {@link Dialect}, quoting a field only when it must be (as spreadsheets do). */
final class DialectWriter {

    private DialectWriter() {
    }

    /** Writes {@code dialect.rowsOf(rows)} to {@code file}; returns the rows written. */
    static List<SaleRow> write(Path file, Dialect dialect, List<SaleRow> rows) throws IOException {
        List<SaleRow> written = dialect.rowsOf(rows);
        var dates = DateTimeFormatter.ofPattern(dialect.datePattern(), Locale.ROOT);
        String end = dialect.crlf() ? "\r\n" : "\n";
        try (OutputStream out = Files.newOutputStream(file)) {
            if (dialect.bom()) {
                out.write(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
            }
            // windows-1252 has the euro sign (0x80) that ISO-8859-1 lacks: exports use it
            Writer text = new OutputStreamWriter(out, Charset.forName(dialect.encoding()));
            for (int i = 1; i <= dialect.titleLines(); i++) {
                text.write(i == 1 ? "Export des ventes - Concession Rhône-Loire" + end : "Édité le 07/12/2026" + end);
            }
            text.write(line(dialect, new ArrayList<>(dialect.columns().sequencedKeySet())) + end);
            for (SaleRow row : written) {
                var fields = new ArrayList<String>();
                for (Field field : dialect.columns().sequencedValues()) {
                    fields.add(value(dialect, dates, row, field));
                }
                text.write(line(dialect, fields) + end);
            }
            text.flush();
        }
        return written;
    }

    private static String value(Dialect dialect, DateTimeFormatter dates, SaleRow row, Field field) {
        return switch (field) {
            case ID -> row.id();
            case DATE, MONTH -> dates.format(row.date());
            case CITY -> row.city();
            case TYPE -> row.rental() ? dialect.rental() : dialect.sale();
            case MAKE -> row.make();
            case MODEL -> row.model();
            case PRICE -> amount(dialect, row.priceCents());
            case UNIT_PRICE -> amount(dialect, row.unitCents());
            case QUANTITY -> Integer.toString(row.quantity());
            case DURATION -> row.rental() ? Integer.toString(row.months()) : dialect.nullMarker();
            case COST -> row.rental() ? dialect.nullMarker() : amount(dialect, row.costCents());
            case GENDER -> row.gender();
            case BODY_STYLE -> row.bodyStyle();
            case REMARK -> dialect.lineBreaks() ? row.remark().replace("; ", "\n") : row.remark();
            case OTHER -> "";
        };
    }

    /** {@code 1234567} cents as {@code 12 345,67 €}, {@code $12,345.67}, ... */
    static String amount(Dialect dialect, long cents) {
        String whole = Long.toString(cents / 100);
        if (dialect.thousands() != 0) {
            var grouped = new StringBuilder();
            for (int i = 0; i < whole.length(); i++) {
                if (i > 0 && (whole.length() - i) % 3 == 0) {
                    grouped.append(dialect.thousands());
                }
                grouped.append(whole.charAt(i));
            }
            whole = grouped.toString();
        }
        return dialect.currencyPrefix() + whole + dialect.decimal() + "%02d".formatted(cents % 100) + dialect.currencySuffix();
    }

    private static String line(Dialect dialect, List<String> fields) {
        var line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            if (i > 0) {
                line.append(dialect.delimiter());
            }
            boolean quote = field.indexOf(dialect.delimiter()) >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                    || field.indexOf('\r') >= 0;
            line.append(quote ? '"' + field.replace("\"", "\"\"") + '"' : field);
        }
        return line.toString();
    }
}
