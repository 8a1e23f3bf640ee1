package io.tilework.bench.sales;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The rival of `tilework sales report` in bench/sales.sh: DuckDB computing the same report from the
 * same CSV — the same validation rules, duplicates (first row wins), booked monthly revenue per city,
 * sale/rental split, ranks and growth, top 5 models four ways, seasonality, rotation, trend — and
 * writing the rejected rows and each table as CSV. With --kpis-only: the KPIs alone, without validation,
 * duplicates or rejects (a lower bound). With --group-by: the rival of issue 20's target, one query
 * reading the CSV and grouping it by city and month (sales, rentals booked, count), written as CSV.
 * With --group-by-foreign: the same query over the same rows in {@link ForeignDialect}'s layout ({@code ;},
 * dd/MM/yyyy, {@code 12.345,67}, S/R), the dialect given to read_csv as a user would.
 * Arguments: CSV OUT THREADS [--kpis-only | --group-by | --group-by-foreign].
 */
public final class DuckDbSalesReport {

    private DuckDbSalesReport() {
    }

    public static void main(String[] args) throws Exception {
        String csv = args[0];
        boolean kpisOnly = args.length > 3 && args[3].equals("--kpis-only");
        boolean groupBy = args.length > 3 && args[3].equals("--group-by");
        boolean foreign = args.length > 3 && args[3].equals("--group-by-foreign");
        Path out = Files.createDirectories(Path.of(args[1]));
        long start = System.nanoTime();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            timed(s, "SET threads = " + args[2]);
            if (foreign) {
                // the same GROUP BY, the dialect given: dates by dateformat, amounts with their separators replaced
                copy(s, out, "monthly_revenue", """
                        SELECT "Branch" AS city, date_trunc('month', "Signed on") AS month,
                               sum(eur) FILTER (WHERE "Kind" = 'S') AS sales,
                               sum(eur * try_cast("Months" AS INT)) FILTER (WHERE "Kind" = 'R') AS rentals,
                               count(*) AS n
                        FROM (SELECT *, try_cast(replace(replace("Amount", '.', ''), ',', '.') AS DECIMAL(18,2)) AS eur
                              FROM read_csv('%s', header = true, auto_detect = false, delim = ';', quote = '"', escape = '"',
                                  ignore_errors = true, dateformat = '%%d/%%m/%%Y',
                                  columns = {'Invoice': 'VARCHAR', 'Branch': 'VARCHAR', 'Signed on': 'DATE', 'Kind': 'VARCHAR',
                                             'Vehicle': 'VARCHAR', 'Months': 'VARCHAR', 'Amount': 'VARCHAR'}))
                        GROUP BY city, month ORDER BY city, month""".formatted(csv));
                try (ResultSet rows = s.executeQuery("SELECT count(*) FROM read_csv('" + out.resolve("monthly_revenue.csv") + "')")) {
                    rows.next();
                    System.out.printf("duckdb (GROUP BY city, month, foreign dialect): %d groups, %.2f s%n", rows.getLong(1),
                            (System.nanoTime() - start) / 1e9);
                }
                return;
            }
            if (groupBy) {
                // the simplest report a user would write: one pass, one GROUP BY, rows DuckDB cannot read skipped
                copy(s, out, "monthly_revenue", """
                        SELECT ville AS city, date_trunc('month', date) AS month,
                               sum(prix) FILTER (WHERE type = 'vente') AS sales,
                               sum(prix * try_cast(duree_location_mois AS INT)) FILTER (WHERE type = 'location') AS rentals,
                               count(*) AS n
                        FROM read_csv('%s', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ignore_errors = true,
                            columns = {'transaction_id': 'VARCHAR', 'date': 'DATE', 'ville': 'VARCHAR', 'type': 'VARCHAR',
                                       'modele': 'VARCHAR', 'prix': 'DECIMAL(18,2)', 'duree_location_mois': 'VARCHAR'})
                        GROUP BY city, month ORDER BY city, month""".formatted(csv));
                try (ResultSet rows = s.executeQuery("SELECT count(*) FROM read_csv('" + out.resolve("monthly_revenue.csv") + "')")) {
                    rows.next();
                    System.out.printf("duckdb (GROUP BY city, month): %d groups, %.2f s%n", rows.getLong(1), (System.nanoTime() - start) / 1e9);
                }
                return;
            }
            if (kpisOnly) {
                // a lower bound: the same KPIs with no validation, no duplicate check and no rejects file
                timed(s, """
                        CREATE TABLE tx AS SELECT
                            (year(date) - 1970) * 12 + month(date) - 1 AS m,
                            trim(regexp_replace(lower(strip_accents(ville)), '\\s+', ' ', 'g')) AS city, ville AS spelling,
                            lower(type) = 'location' AS rental, trim(modele) AS model, prix AS price,
                            CASE WHEN lower(type) = 'location' THEN try_cast(duree_location_mois AS INT) ELSE 0 END AS months
                        FROM read_csv('%s', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ignore_errors = true,
                            columns = {'transaction_id': 'VARCHAR', 'date': 'DATE', 'ville': 'VARCHAR', 'type': 'VARCHAR',
                                       'modele': 'VARCHAR', 'prix': 'DECIMAL(18,2)', 'duree_location_mois': 'VARCHAR'})
                        WHERE lower(type) IN ('vente', 'location')""".formatted(csv));
            } else {
                timed(s, """
                        CREATE TABLE raw AS SELECT * FROM read_csv('%s', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                            columns = {'transaction_id': 'VARCHAR', 'date': 'VARCHAR', 'ville': 'VARCHAR', 'type': 'VARCHAR',
                                       'modele': 'VARCHAR', 'prix': 'VARCHAR', 'duree_location_mois': 'VARCHAR'},
                            store_rejects = true)""".formatted(csv));
                timed(s, """
                        CREATE TABLE reasons AS SELECT rowid AS rn, transaction_id AS id, CASE
                            WHEN transaction_id IS NULL OR trim(transaction_id) = '' THEN 'EMPTY_ID'
                            WHEN date IS NULL OR NOT regexp_full_match(date, '\\d{4}-\\d{2}-\\d{2}') OR try_strptime(date, '%Y-%m-%d') IS NULL
                                 OR NOT (try_cast(substr(date, 1, 4) AS INT) BETWEEN 1970 AND 2099) THEN 'BAD_DATE'
                            WHEN ville IS NULL OR trim(ville) = '' THEN 'EMPTY_CITY'
                            WHEN type IS NULL OR lower(type) NOT IN ('vente', 'location') THEN 'UNKNOWN_TYPE'
                            WHEN modele IS NULL OR trim(modele) = '' THEN 'EMPTY_MODEL'
                            WHEN prix IS NOT NULL AND regexp_full_match(prix, '-\\d+(\\.\\d{1,2})?') AND try_cast(prix AS DECIMAL(18,2)) <> 0 THEN 'NEGATIVE_PRICE'
                            WHEN prix IS NULL OR NOT regexp_full_match(prix, '-?\\d{1,15}(\\.\\d{1,2})?') THEN 'BAD_PRICE'
                            WHEN lower(type) = 'location' AND (duree_location_mois IS NULL OR upper(duree_location_mois) = 'NULL') THEN 'RENTAL_WITHOUT_DURATION'
                            WHEN lower(type) = 'location' AND NOT (regexp_full_match(duree_location_mois, '\\d{1,2}')
                                 AND try_cast(duree_location_mois AS INT) BETWEEN 1 AND 48) THEN 'BAD_DURATION'
                            WHEN lower(type) = 'vente' AND NOT (duree_location_mois IS NULL OR upper(duree_location_mois) = 'NULL') THEN 'DURATION_ON_SALE'
                          END AS reason FROM raw""");
                // narrow tables beside raw, joined by position: copying the wide text columns is what costs
                timed(s, """
                        CREATE TABLE duplicates AS SELECT r.rn FROM reasons r JOIN (
                            SELECT id, min(rn) AS first FROM reasons WHERE reason IS NULL GROUP BY id HAVING count(*) > 1) d USING (id)
                        WHERE r.reason IS NULL AND r.rn <> d.first""");
                timed(s, """
                        CREATE TABLE tx AS SELECT
                            (substr(date, 1, 4)::INT - 1970) * 12 + substr(date, 6, 2)::INT - 1 AS m,
                            trim(regexp_replace(lower(strip_accents(ville)), '\\s+', ' ', 'g')) AS city, ville AS spelling,
                            lower(type) = 'location' AS rental, trim(modele) AS model, prix::DECIMAL(18, 2) AS price,
                            CASE WHEN lower(type) = 'location' THEN duree_location_mois::INT ELSE 0 END AS months
                        FROM raw POSITIONAL JOIN reasons WHERE reason IS NULL AND rn NOT IN (SELECT rn FROM duplicates)""");
                copy(s, out, "rejects", """
                        SELECT rn, coalesce(reason, 'DUPLICATE_ID') AS reason,
                               concat_ws(',', transaction_id, date, ville, type, modele, prix, duree_location_mois) AS raw
                        FROM raw POSITIONAL JOIN reasons WHERE reason IS NOT NULL OR rn IN (SELECT rn FROM duplicates)
                        UNION ALL SELECT line, 'COLUMN_COUNT', csv_line FROM reject_errors ORDER BY 1""");
            }
            timed(s, """
                    CREATE TABLE monthly AS WITH
                      period AS (SELECT min(m) AS lo, max(m) AS hi FROM tx),
                      spine AS (SELECT c.city, r.range AS m FROM (SELECT DISTINCT city FROM tx) c, period, range(period.lo, period.hi + 1) r),
                      sums AS (SELECT city, m, sum(price) FILTER (WHERE NOT rental) AS sales, sum(price * months) FILTER (WHERE rental) AS rentals,
                               count(*) AS n FROM tx GROUP BY city, m)
                    SELECT city, m, coalesce(sales, 0) AS sales, coalesce(rentals, 0) AS rentals, coalesce(sales, 0) + coalesce(rentals, 0) AS total,
                           coalesce(n, 0) AS n FROM spine LEFT JOIN sums USING (city, m)""");
            copy(s, out, "monthly_revenue", "SELECT city, m, sales, rentals, total FROM monthly ORDER BY city, m");
            copy(s, out, "cities", """
                    WITH totals AS (SELECT city, sum(total) AS revenue, sum(sales) AS sales, sum(rentals) AS rentals FROM monthly GROUP BY city),
                         counts AS (SELECT city, count(*) FILTER (WHERE NOT rental) AS sale_n, count(*) FILTER (WHERE rental) AS rental_n,
                                    avg(months) FILTER (WHERE rental) AS rotation FROM tx GROUP BY city),
                         growth AS (SELECT city, total AS last_total,
                                    (total - lag(total, 1) OVER w) * 100.0 / nullif(lag(total, 1) OVER w, 0) AS mom,
                                    (total - lag(total, 12) OVER w) * 100.0 / nullif(lag(total, 12) OVER w, 0) AS yoy
                                    FROM monthly WINDOW w AS (PARTITION BY city ORDER BY m) QUALIFY m = (SELECT max(m) FROM monthly)),
                         trend AS (SELECT city, regr_slope(total::DOUBLE, m::DOUBLE) AS slope, regr_intercept(total::DOUBLE, m::DOUBLE) AS intercept,
                                   regr_r2(total::DOUBLE, m::DOUBLE) AS r2
                                   FROM monthly WHERE m > (SELECT max(m) - 3 FROM monthly) GROUP BY city)
                    SELECT row_number() OVER (ORDER BY revenue DESC, city) AS rank, city, revenue, revenue / sum(revenue) OVER () AS share,
                           sale_n, sales, sales / revenue AS sales_share, rental_n, rentals, rentals / revenue AS rentals_share,
                           last_total, mom, yoy, rotation, slope, r2, intercept + slope * ((SELECT max(m) FROM monthly) + 1) AS forecast
                    FROM totals JOIN counts USING (city) JOIN growth USING (city) JOIN trend USING (city) ORDER BY rank""");
            copy(s, out, "seasonality", """
                    WITH opened AS (SELECT city, min(m) FILTER (WHERE n > 0) AS since FROM monthly GROUP BY city),
                         mean AS (SELECT city, avg(total) AS mean FROM monthly JOIN opened USING (city) WHERE m >= since GROUP BY city)
                    SELECT city, m, CASE WHEN m >= since THEN total / mean END AS index FROM monthly JOIN opened USING (city) JOIN mean USING (city)
                    ORDER BY city, m""");
            timed(s, """
                    CREATE TABLE models AS SELECT city, rental, model, count(*) AS n,
                        sum(CASE WHEN rental THEN price * months ELSE price END) AS revenue, avg(months) AS rotation
                    FROM tx GROUP BY city, rental, model""");
            copy(s, out, "top_models", """
                    SELECT * FROM (SELECT city, rental, 'count' AS ranked_by, row_number() OVER (PARTITION BY city, rental ORDER BY n DESC, revenue DESC, model) AS rank,
                                   model, n, revenue FROM models) WHERE rank <= 5
                    UNION ALL
                    SELECT * FROM (SELECT city, rental, 'revenue', row_number() OVER (PARTITION BY city, rental ORDER BY revenue DESC, n DESC, model) AS rank,
                                   model, n, revenue FROM models) WHERE rank <= 5
                    ORDER BY city, rental, ranked_by, rank""");
            copy(s, out, "rental_duration", "SELECT city, model, n AS rentals, rotation FROM models WHERE rental ORDER BY city, model");
            copy(s, out, "city_names", "SELECT spelling, city, count(*) AS rows FROM tx GROUP BY ALL ORDER BY city, rows DESC, spelling");
            try (ResultSet counts = s.executeQuery(kpisOnly ? "SELECT (SELECT count(*) FROM tx), -1"
                    : "SELECT (SELECT count(*) FROM tx), (SELECT count(*) FROM reasons WHERE reason IS NOT NULL) "
                    + "+ (SELECT count(*) FROM duplicates) + (SELECT count(*) FROM reject_errors)")) {
                counts.next();
                System.out.printf("duckdb%s: %d accepted, %d rejected, %.2f s%n", kpisOnly ? " (KPIs only)" : "", counts.getLong(1), counts.getLong(2),
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static void copy(Statement s, Path out, String name, String query) throws Exception {
        timed(s, "COPY (" + query + ") TO '" + out.resolve(name + ".csv") + "' (HEADER)");
    }

    /** Runs one statement; with -Dtimings=true says how long it took, to see where the time goes. */
    private static void timed(Statement s, String sql) throws Exception {
        long t = System.nanoTime();
        s.execute(sql);
        if (Boolean.getBoolean("timings")) {
            System.err.printf("%.2f s  %s%n", (System.nanoTime() - t) / 1e9, sql.strip().lines().findFirst().orElse(""));
        }
    }
}
