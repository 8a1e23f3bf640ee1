package io.tilework.sales.dialects;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;

/**
 * DuckDB as the oracle: reads a file with {@code read_csv} given its dialect explicitly (delimiter,
 * quote, escape, header, lines to skip, encoding; nothing sniffed), parses amounts, dates and types
 * in SQL as the dialect says, and computes the {@link Figures} with GROUP BY.
 *
 * <p>DuckDB's CSV reader has no windows-1252 (only with its {@code encodings} extension, a download)
 * and its {@code latin-1} refuses the euro sign's byte 0x80: a windows-1252 file is converted to
 * UTF-8 by the JDK's decoder first (what {@code iconv -f WINDOWS-1252} does), and DuckDB reads that.
 */
final class DuckDbOracle implements AutoCloseable {

    private final Connection duck;

    DuckDbOracle() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @Override
    public void close() throws SQLException {
        duck.close();
    }

    /** The figures of {@code file}, written in {@code dialect}. */
    Figures figures(Path file, Dialect dialect) throws SQLException, IOException {
        return figures(file, dialect, "true");
    }

    /** The figures of the rows of {@code file} for which {@code where} holds (SQL over id, grp, m, rental, make, model, cents, units, months, cost). */
    Figures figures(Path file, Dialect dialect, String where) throws SQLException, IOException {
        Path utf8 = file;
        if (!dialect.encoding().equals("utf-8")) {
            utf8 = Files.createTempFile(file.getParent(), "utf8-", ".csv");
            Files.writeString(utf8, new String(Files.readAllBytes(file), Charset.forName(dialect.encoding())));
        }
        execute("CREATE OR REPLACE TABLE raw AS SELECT * FROM read_csv(" + literal(utf8.toString())
                + ", delim = " + literal(String.valueOf(dialect.delimiter())) + ", quote = '\"', escape = '\"', header = true"
                + ", skip = " + dialect.titleLines() + ", encoding = 'utf-8'"
                + ", all_varchar = true, auto_detect = false, columns = " + columns(dialect) + ", strict_mode = true)");
        execute("CREATE OR REPLACE TABLE t AS SELECT * FROM (SELECT " + String.join(", ", expressions(dialect)) + " FROM raw) WHERE " + where);
        var figures = new Figures();
        long rows;
        try (ResultSet rs = query("SELECT count(*) FROM t")) {
            rs.next();
            rows = rs.getLong(1);
        }
        collect(figures.byMonth(), """
                SELECT grp || ' ' || strftime(make_date(1970 + m // 12, m % 12 + 1, 1), '%Y-%m'),
                  count(*) FILTER (NOT rental), coalesce(sum(units) FILTER (NOT rental), 0), coalesce(sum(cents) FILTER (NOT rental), 0),
                  coalesce(sum(cost) FILTER (NOT rental), 0), count(*) FILTER (rental), coalesce(sum(units) FILTER (rental), 0),
                  coalesce(sum(cents * months) FILTER (rental), 0)
                FROM t GROUP BY grp, m""");
        String perThing = """
                SELECT grp || ' | ' || %s, count(*) FILTER (NOT rental), coalesce(sum(units) FILTER (NOT rental), 0),
                  coalesce(sum(cents) FILTER (NOT rental), 0), count(*) FILTER (rental), coalesce(sum(units) FILTER (rental), 0),
                  coalesce(sum(cents * months) FILTER (rental), 0), coalesce(sum(months) FILTER (rental), 0)
                FROM t GROUP BY ALL""";
        collect(figures.byModel(), perThing.formatted("model"));
        if (dialect.has(Field.MAKE)) {
            collect(figures.byMake(), perThing.formatted("make"));
        }
        String perValue = """
                SELECT '%s | ' || lower(%s), count(*) FILTER (NOT rental), coalesce(sum(units) FILTER (NOT rental), 0),
                  coalesce(sum(cents) FILTER (NOT rental), 0), count(*) FILTER (rental), coalesce(sum(units) FILTER (rental), 0),
                  coalesce(sum(cents * months) FILTER (rental), 0)
                FROM t GROUP BY ALL""";
        if (dialect.has(Field.GENDER)) {
            collect(figures.byDimension(), perValue.formatted("gender", "trim(gender)"));
        }
        if (dialect.has(Field.BODY_STYLE)) {
            collect(figures.byDimension(), perValue.formatted("body style", "body"));
        }
        return new Figures(rows, figures.byMonth(), figures.byModel(), figures.byMake(), figures.byDimension());
    }

    /** The distinct values of {@code field}'s column, as written, in the last file {@link #figures} read. */
    List<String> values(Dialect dialect, Field field) throws SQLException {
        var values = new ArrayList<String>();
        try (ResultSet rs = query("SELECT DISTINCT " + column(dialect, field) + " FROM raw WHERE " + column(dialect, field) + " IS NOT NULL")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Every column as VARCHAR under its header, so nothing is guessed. */
    private static String columns(Dialect dialect) {
        var columns = new ArrayList<String>();
        for (String header : dialect.columns().sequencedKeySet()) {
            columns.add(literal(header) + ": 'VARCHAR'");
        }
        return "{" + String.join(", ", columns) + "}";
    }

    /** The SELECT list turning the dialect's text into id, grp, m, rental, make, model, cents, units, months, cost, gender, body. */
    private static List<String> expressions(Dialect dialect) {
        var select = new ArrayList<String>();
        select.add((dialect.has(Field.ID) ? column(dialect, Field.ID) : "NULL") + " AS id");
        select.add((dialect.has(Field.CITY) ? "trim(regexp_replace(lower(strip_accents(" + column(dialect, Field.CITY) + ")), '\\s+', ' ', 'g'))"
                : "'all'") + " AS grp");
        Field when = dialect.monthly() ? Field.MONTH : Field.DATE;
        String day = "strptime(" + column(dialect, when) + ", " + literal(strftime(dialect.datePattern())) + ")";
        select.add("(year(" + day + ") - 1970) * 12 + month(" + day + ") - 1 AS m");
        String rental = dialect.has(Field.TYPE) ? "lower(trim(" + column(dialect, Field.TYPE) + ")) = " + literal(dialect.rental().toLowerCase(Locale.ROOT))
                : "false";
        select.add(rental + " AS rental");
        select.add((dialect.has(Field.MAKE) ? "trim(" + column(dialect, Field.MAKE) + ")" : "NULL") + " AS make");
        select.add((dialect.has(Field.MODEL) ? "trim(" + column(dialect, Field.MODEL) + ")" : "'(none)'") + " AS model");
        String units = dialect.has(Field.QUANTITY) ? "CAST(" + column(dialect, Field.QUANTITY) + " AS BIGINT)" : "1";
        String cents = dialect.has(Field.PRICE) ? cents(dialect, column(dialect, Field.PRICE))
                : dialect.has(Field.UNIT_PRICE) ? cents(dialect, column(dialect, Field.UNIT_PRICE)) + " * " + units : "0";
        select.add(cents + " AS cents");
        select.add(units + " AS units");
        select.add((dialect.has(Field.DURATION) ? "CASE WHEN " + rental + " THEN CAST(" + column(dialect, Field.DURATION) + " AS INTEGER) ELSE 0 END"
                : "0") + " AS months");
        select.add((dialect.has(Field.COST) ? "CASE WHEN " + rental + " THEN 0 ELSE " + cents(dialect, column(dialect, Field.COST)) + " END"
                : "0") + " AS cost");
        select.add((dialect.has(Field.GENDER) ? column(dialect, Field.GENDER) : "NULL") + " AS gender");
        select.add((dialect.has(Field.BODY_STYLE) ? column(dialect, Field.BODY_STYLE) : "NULL") + " AS body");
        return select;
    }

    /** An amount as cents: the currency and the thousands separator dropped, the decimal separator read. */
    private static String cents(Dialect dialect, String column) {
        String digits = "regexp_replace(" + column + ", '[^0-9,.-]', '', 'g')";
        if (dialect.thousands() == '.' || dialect.thousands() == ',') {
            digits = "replace(" + digits + ", " + literal(String.valueOf(dialect.thousands())) + ", '')";
        }
        if (dialect.decimal() != '.') {
            digits = "replace(" + digits + ", " + literal(String.valueOf(dialect.decimal())) + ", '.')";
        }
        return "CAST(CAST(" + digits + " AS DECIMAL(18, 2)) * 100 AS BIGINT)";
    }

    /** A java.time date pattern of the generated dialects (y, M, MMM, MMMM, d) as DuckDB's strptime format. */
    static String strftime(String pattern) {
        return pattern.replaceAll("y+", "%Y").replaceAll("M{4}", "%B").replaceAll("M{3}", "%b").replaceAll("M+", "%m").replaceAll("d+", "%d");
    }


    private static String column(Dialect dialect, Field field) {
        return "\"" + dialect.header(field).replace("\"", "\"\"") + "\"";
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private void collect(SortedMap<String, List<Long>> into, String select) throws SQLException {
        try (ResultSet rs = query(select)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                var values = new long[n - 1];
                for (int i = 2; i <= n; i++) {
                    values[i - 2] = rs.getLong(i);
                }
                Figures.add(into, rs.getString(1), values);
            }
        }
    }

    void execute(String statement) throws SQLException {
        try (Statement s = duck.createStatement()) {
            s.execute(statement);
        }
    }

    ResultSet query(String select) throws SQLException {
        return duck.createStatement().executeQuery(select);
    }
}
