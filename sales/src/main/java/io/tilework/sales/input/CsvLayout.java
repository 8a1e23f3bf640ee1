package io.tilework.sales.input;

import io.tilework.sales.failure.Excerpt;
import io.tilework.sales.failure.SalesInputInvalid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How transaction files are laid out: the delimiter and the header name of each column the KPIs
 * need. The defaults are the dealer's export: {@code transaction_id,date,ville,type,modele,prix,duree_location_mois}.
 */
public record CsvLayout(char delimiter, Map<Column, String> headers) {

    /** The columns the KPIs read, in the default file's order. */
    public enum Column {
        TRANSACTION_ID("transaction_id"), DATE("date"), CITY("ville"), TYPE("type"), MODEL("modele"),
        PRICE("prix"), RENTAL_MONTHS("duree_location_mois");

        private final String defaultHeader;

        Column(String defaultHeader) {
            this.defaultHeader = defaultHeader;
        }

        public String defaultHeader() {
            return defaultHeader;
        }
    }

    public CsvLayout {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || delimiter > 127) {
            throw new SalesInputInvalid("the delimiter must be one ASCII character other than a quote or a line break, not '"
                    + delimiter + "'");
        }
        var all = new LinkedHashMap<Column, String>();
        for (Column column : Column.values()) {
            all.put(column, headers.getOrDefault(column, column.defaultHeader()));
        }
        headers = Map.copyOf(all);
    }

    /** This layout as the built-in schema with its delimiter and header names. */
    public io.tilework.sales.schema.SalesSchema schema() {
        var builtIn = io.tilework.sales.schema.SchemaFile.builtIn();
        var concepts = new java.util.EnumMap<io.tilework.sales.schema.Concept, io.tilework.sales.schema.SalesSchema.Mapping>(
                io.tilework.sales.schema.Concept.class);
        builtIn.concepts().forEach((concept, m) -> {
            String header = headers.get(switch (concept) {
                case ID -> Column.TRANSACTION_ID;
                case DATE -> Column.DATE;
                case CITY -> Column.CITY;
                case TYPE -> Column.TYPE;
                case MODEL -> Column.MODEL;
                case PRICE -> Column.PRICE;
                default -> Column.RENTAL_MONTHS;
            });
            concepts.put(concept, new io.tilework.sales.schema.SalesSchema.Mapping(header, 0, null, null, m.normalise(), m.sale(),
                    m.rental(), m.line()));
        });
        var d = builtIn.dialect();
        return new io.tilework.sales.schema.SalesSchema(builtIn.name(), builtIn.source(),
                new io.tilework.sales.schema.SalesSchema.Dialect(d.encoding(), delimiter, d.quote(), d.escape(), d.header(), d.skip(), d.nulls()),
                builtIn.numbers(), builtIn.dates(), concepts, builtIn.dimensions());
    }

    public static CsvLayout defaults() {
        return new CsvLayout(',', Map.of());
    }

    public CsvLayout withDelimiter(char value) {
        return new CsvLayout(value, headers);
    }

    /** The same layout with {@code column} read from the header named {@code header}. */
    public CsvLayout withColumn(Column column, String header) {
        var copy = new LinkedHashMap<>(headers);
        copy.put(column, header);
        return new CsvLayout(delimiter, copy);
    }

    /**
     * Where each column is in a file whose header line holds {@code names}: index by
     * {@link Column#ordinal()}. Header names are matched without regard to case or surrounding spaces.
     *
     * @throws SalesInputInvalid naming the missing columns and the header found
     */
    public int[] positions(List<String> names, String file) {
        int[] positions = new int[Column.values().length];
        List<String> missing = new ArrayList<>();
        for (Column column : Column.values()) {
            String wanted = headers.get(column).strip().toLowerCase(Locale.ROOT);
            positions[column.ordinal()] = -1;
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).strip().toLowerCase(Locale.ROOT).equals(wanted)) {
                    positions[column.ordinal()] = i;
                    break;
                }
            }
            if (positions[column.ordinal()] < 0) {
                missing.add(headers.get(column) + " (" + column.name().toLowerCase(Locale.ROOT) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new SalesInputInvalid(file + ": the header " + Excerpt.of(names.toString()) + " has no column " + String.join(", ", missing)
                    + "; map columns with --column NAME=HEADER or check --delimiter (now '" + delimiter + "')");
        }
        return positions;
    }
}
