package io.tilework.sales.map;

import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.failure.SalesInputInvalid;
import io.tilework.sales.failure.Utf8;
import io.tilework.sales.input.Bytes;
import io.tilework.sales.input.FileColumns;
import io.tilework.sales.schema.Concept;
import io.tilework.sales.schema.Expression;
import io.tilework.sales.schema.SalesSchema;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Reads one row through a schema: finds its fields ({@link RowParser} with the schema's delimiter, quote and
 * escape), checks its bytes are text in the schema's encoding, and reads each concept the schema maps — from a
 * field, a constant or an expression — into the values the sums need ({@link #month}, {@link #type}, {@link #cents},
 * {@link #months}, {@link #units}, {@link #cost}), or says why the row is rejected. The grouping values (city, model,
 * make, extra dimensions) are left in the row's bytes for the caller to look up ({@link #field}).
 *
 * <p>Our own layout takes the fast paths: {@code yyyy-MM-dd} dates, plain amounts and ASCII type values are read
 * straight from the bytes, as before schemas.
 */
public final class RowReader {

    final SalesSchema schema;
    final FileColumns columns;
    final Charset charset;
    private final boolean utf8;
    /** Whether rejects say more than their reason: not for our own layout, whose rejects.csv stays as it was. */
    private final boolean describe;
    public final RowParser parser;
    private final Amounts amounts;
    private final Months months;
    private final byte[][] nullMarkers;
    /** Bit n set: a null marker is n bytes long. */
    private final long nullLengths;
    private final byte[][] saleValues;
    private final byte[][] rentalValues;
    private final int id;
    private final int city;
    private final int model;
    private final int make;
    private final int date;
    private final int type;
    private final int typeConstant;
    private final int price;
    private final int quantity;
    private final int duration;
    private final int cost;
    private final Expression[] expressions = new Expression[Concept.values().length];
    private final long[] constants = new long[Concept.values().length];
    private final Normaliser cityForm;
    private final Normaliser modelForm;
    private final Normaliser makeForm;
    private final Normaliser[] dimensionForms;

    /** The row's values, once {@link #read} accepted it. */
    public int month;
    public int rowType;
    public long cents;
    public int monthsOfRental;
    public int units;
    public long costCents;
    /** Why the row was rejected, beyond its reason (empty for our own layout). */
    public String detail = "";

    public RowReader(SalesSchema schema, FileColumns columns) {
        this.schema = schema;
        this.columns = columns;
        this.charset = Amounts.charset(schema.dialect().encoding());
        this.utf8 = charset == StandardCharsets.UTF_8;
        this.describe = !schema.source().equals("built-in");
        SalesSchema.Dialect d = schema.dialect();
        this.parser = new RowParser(ascii(d.delimiter(), "delimiter"), d.quote() == 0 ? 0 : ascii(d.quote(), "quote"),
                d.escape() == 0 ? 0 : ascii(d.escape(), "escape"), columns.count());
        this.amounts = new Amounts(schema.numbers(), charset);
        this.months = new Months(schema.dates(), schema.has(Concept.MONTH), charset);
        this.nullMarkers = d.nulls().stream().filter(s -> !s.isBlank()).map(s -> s.strip().getBytes(charset)).toArray(byte[][]::new);
        long lengths = 0;
        for (byte[] marker : nullMarkers) {
            lengths |= marker.length < 64 ? 1L << marker.length : 0;
        }
        this.nullLengths = lengths;
        SalesSchema.Mapping typeMapping = schema.concepts().get(Concept.TYPE);
        this.saleValues = typeMapping == null ? new byte[0][] : bytes(typeMapping.sale());
        this.rentalValues = typeMapping == null ? new byte[0][] : bytes(typeMapping.rental());
        this.id = field(Concept.ID);
        if (id == FileColumns.COMPUTED) {
            throw new SalesInputInvalid(schema.source() + ": the id concept must be a column (or position), not a constant or an expression");
        }
        this.date = field(schema.has(Concept.MONTH) ? Concept.MONTH : Concept.DATE);
        this.city = field(Concept.CITY);
        this.model = field(Concept.MODEL);
        this.make = field(Concept.MAKE);
        this.type = field(Concept.TYPE);
        this.typeConstant = type == FileColumns.COMPUTED ? typeOf(typeMapping.constant()) : 0;
        for (Concept text : List.of(Concept.CITY, Concept.MODEL, Concept.MAKE, Concept.TYPE, Concept.DATE, Concept.MONTH)) {
            SalesSchema.Mapping m = schema.concepts().get(text);
            if (m != null && m.expression() != null) {
                throw new SalesInputInvalid(schema.source() + (m.line() > 0 ? ":" + m.line() : "") + ": " + text.key()
                        + " is text: map it to a column or a constant, not an expression");
            }
        }
        if (typeConstant < 0) {
            throw new SalesInputInvalid(schema.source() + ": the type constant '" + typeMapping.constant() + "' is neither a sale value "
                    + typeMapping.sale() + " nor a rental value " + typeMapping.rental());
        }
        this.price = numeric(Concept.PRICE);
        this.quantity = numeric(Concept.QUANTITY);
        this.duration = numeric(Concept.DURATION);
        this.cost = numeric(Concept.COST);
        this.cityForm = normaliser(schema.concepts().get(Concept.CITY));
        this.modelForm = normaliser(schema.concepts().get(Concept.MODEL));
        this.makeForm = normaliser(schema.concepts().get(Concept.MAKE));
        this.dimensionForms = schema.dimensions().values().stream().map(RowReader::normaliser).toArray(Normaliser[]::new);
    }

    private static Normaliser normaliser(SalesSchema.Mapping mapping) {
        return new Normaliser(mapping == null ? List.of() : mapping.normalise());
    }

    private static byte ascii(char c, String what) {
        if (c > 127) {
            throw new SalesInputInvalid("the " + what + " must be an ASCII character, not '" + c + "'");
        }
        return (byte) c;
    }

    private byte[][] bytes(List<String> values) {
        return values.stream().map(s -> s.getBytes(charset)).toArray(byte[][]::new);
    }

    /** The field of {@code concept} in this file: an index, {@link FileColumns#ABSENT} or {@link FileColumns#COMPUTED}. */
    public int field(Concept concept) {
        return columns.concepts()[concept.ordinal()];
    }

    /** A numeric concept's field; a constant is read once, an expression parsed once. */
    private int numeric(Concept concept) {
        int at = field(concept);
        SalesSchema.Mapping m = schema.concepts().get(concept);
        if (at == FileColumns.COMPUTED) {
            if (m.expression() != null) {
                expressions[concept.ordinal()] = Expression.parse(m.expression());
            } else {
                byte[] value = m.constant().getBytes(charset);
                long v = switch (concept) {
                    case QUANTITY -> amounts.whole(value, 0, value.length);
                    case DURATION -> RowParser.duration(value, 0, value.length);
                    default -> amounts.cents(value, 0, value.length);
                };
                if (v < 0) {
                    throw new SalesInputInvalid(schema.source() + (m.line() > 0 ? ":" + m.line() : "") + ": the constant '" + m.constant()
                            + "' of " + concept.key() + " is not " + (concept == Concept.QUANTITY ? "a whole number"
                            : concept == Concept.DURATION ? "a whole number of months from 1 to 48" : "an amount"));
                }
                constants[concept.ordinal()] = v;
            }
        }
        return at;
    }

    private int typeOf(String constant) {
        byte[] b = constant.getBytes(charset);
        return typeOf(b, 0, b.length);
    }

    /**
     * Reads the row {@code b[from, to)} starting at byte {@code offset} of the file; null when it is accepted (its
     * values in the fields), else why not ({@link RejectReason#UNCLOSED_QUOTE}: see the parser's fields).
     */
    public RejectReason read(byte[] b, int from, int to, long offset) {
        detail = "";
        RejectReason split = parser.split(b, from, to);
        if (split != null) {
            return split;
        }
        // the rare paths (escapes, what a reject says) are methods of their own: this one stays small enough to compile whole
        int[] s = parser.starts;
        int[] e = parser.ends;
        if (id >= 0 && isNull(b, s[id], e[id])) {
            return RejectReason.EMPTY_ID;
        }
        month = months.month(b, s[date], e[date]);
        if (month < 0) {
            return badMonth(b);
        }
        if (city >= 0 && isNull(b, s[city], e[city])) {
            return RejectReason.EMPTY_CITY;
        }
        rowType = type < 0 ? typeConstant : parser.isEscaped(type) ? escapedType(b) : typeOf(b, s[type], e[type]);
        if (rowType < 0) {
            return unknownType(b);
        }
        if (model >= 0 && isNull(b, s[model], e[model])) {
            return RejectReason.EMPTY_MODEL;
        }
        if (make >= 0 && isNull(b, s[make], e[make])) {
            return RejectReason.EMPTY_MAKE;
        }
        cents = price == FileColumns.ABSENT ? 0 : amount(b, Concept.PRICE, price);
        if (cents < 0) {
            return badAmount(b, Concept.PRICE, price, cents == RowParser.NEGATIVE ? RejectReason.NEGATIVE_PRICE : RejectReason.BAD_PRICE);
        }
        int rentalMonths = duration == FileColumns.ABSENT ? (rowType == 1 ? 1 : RowParser.NO_DURATION) : duration(b);
        if (rowType == 1 && rentalMonths == RowParser.NO_DURATION) {
            return RejectReason.RENTAL_WITHOUT_DURATION;
        }
        if (rowType == 1 && rentalMonths < 0) {
            return RejectReason.BAD_DURATION;
        }
        if (rowType == 0 && rentalMonths != RowParser.NO_DURATION) {
            return RejectReason.DURATION_ON_SALE;
        }
        monthsOfRental = Math.max(rentalMonths, 0);
        if (quantity == FileColumns.ABSENT) {
            units = 1;
        } else {
            long u = units(b);
            if (u < 0 || u > Integer.MAX_VALUE) {
                return badAmount(b, Concept.QUANTITY, quantity, RejectReason.BAD_QUANTITY);
            }
            units = (int) u;
        }
        // The cost is a sale's (margins): a rental may leave it empty.
        boolean noCost = cost == FileColumns.ABSENT || rowType == 1 && isNull(b, parser.starts[cost], parser.ends[cost]);
        costCents = noCost ? 0 : amount(b, Concept.COST, cost);
        if (costCents < 0) {
            return badAmount(b, Concept.COST, cost, RejectReason.BAD_COST);
        }
        return null;
    }

    private RejectReason badMonth(byte[] b) {
        if (describe) {
            detail = "'" + text(b, date) + "' is not a " + (schema.has(Concept.MONTH) ? "month" : "date") + " of " + months.patterns()
                    + " from 1970 to 2099";
        }
        return schema.has(Concept.MONTH) ? RejectReason.BAD_MONTH : RejectReason.BAD_DATE;
    }

    private int escapedType(byte[] b) {
        byte[] plain = parser.unescaped(b, type);
        return typeOf(plain, 0, plain.length);
    }

    private RejectReason unknownType(byte[] b) {
        if (describe) {
            detail = "'" + text(b, type) + "' is none of the sale values " + schema.concepts().get(Concept.TYPE).sale()
                    + " and rental values " + schema.concepts().get(Concept.TYPE).rental();
        }
        return RejectReason.UNKNOWN_TYPE;
    }

    private long units(byte[] b) {
        if (quantity == FileColumns.COMPUTED) {
            return computedWhole(b, Concept.QUANTITY);
        }
        int from = parser.starts[quantity];
        int to = parser.ends[quantity];
        return isNull(b, from, to) ? -1 : amounts.whole(b, from, to);
    }

    private RejectReason badAmount(byte[] b, Concept concept, int field, RejectReason reason) {
        if (describe) {
            detail = describeAmount(b, concept, field);
        }
        return reason;
    }

    private int duration(byte[] b) {
        if (duration == FileColumns.COMPUTED) {
            Expression x = expressions[Concept.DURATION.ordinal()];
            if (x == null) {
                return (int) constants[Concept.DURATION.ordinal()];
            }
            BigDecimal v = x.evaluate(i -> value(b, columns.expressions()[Concept.DURATION.ordinal()][i]));
            try {
                int m = v == null ? RowParser.NO_DURATION : v.intValueExact();
                return m == 0 ? RowParser.NO_DURATION : m >= 1 && m <= 48 ? m : -1;
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        int from = parser.starts[duration];
        int to = parser.ends[duration];
        if (nullMarkers.length > 0 && isNull(b, from, to)) {
            return RowParser.NO_DURATION;
        }
        return RowParser.duration(b, from, to);
    }

    private long amount(byte[] b, Concept concept, int field) {
        if (field == FileColumns.COMPUTED) {
            Expression x = expressions[concept.ordinal()];
            if (x == null) {
                return constants[concept.ordinal()];
            }
            return Amounts.roundedCents(x.evaluate(i -> value(b, columns.expressions()[concept.ordinal()][i])));
        }
        int from = parser.starts[field];
        int to = parser.ends[field];
        if (!parser.isEscaped(field)) {
            return amounts.cents(b, from, to); // a null marker is no number: BAD
        }
        return isNull(b, from, to) ? RowParser.BAD : Amounts.cents(amounts.decimal(text(b, field)));
    }

    private long computedWhole(byte[] b, Concept concept) {
        Expression x = expressions[concept.ordinal()];
        if (x == null) {
            return constants[concept.ordinal()];
        }
        BigDecimal v = x.evaluate(i -> value(b, columns.expressions()[concept.ordinal()][i]));
        try {
            return v == null || v.signum() < 0 ? -1 : v.longValueExact();
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** The number in field {@code at} for an expression; null when it is missing or not a number. */
    private BigDecimal value(byte[] b, int at) {
        if (isNull(b, parser.starts[at], parser.ends[at])) {
            return null;
        }
        if (!parser.isEscaped(at)) {
            return amounts.decimal(b, parser.starts[at], parser.ends[at]);
        }
        return amounts.decimal(text(b, at));
    }

    private String describeAmount(byte[] b, Concept concept, int field) {
        SalesSchema.Mapping m = schema.concepts().get(concept);
        if (field >= 0) {
            return "'" + text(b, field) + "' is not " + (concept == Concept.QUANTITY ? "a whole number" : "an amount with at most two decimals")
                    + (concept == Concept.QUANTITY ? "" : " (decimal '" + schema.numbers().decimal() + "'"
                    + (schema.numbers().thousands() == 0 ? "" : ", thousands '" + schema.numbers().thousands() + "'") + ")");
        }
        return m.expression() != null ? concept.key() + " = " + m.expression() + " has a missing or bad value, or divides by zero"
                : "";
    }

    /** The field as text in the file's encoding, unescaped. */
    public String text(byte[] b, int field) {
        return parser.text(b, field, charset);
    }

    /** 0 for a sale value, 1 for a rental value (any case), -1 for anything else. */
    private int typeOf(byte[] b, int from, int to) {
        for (byte[] value : saleValues) {
            if (equalsIgnoreCase(b, from, to, value)) {
                return 0;
            }
        }
        for (byte[] value : rentalValues) {
            if (equalsIgnoreCase(b, from, to, value)) {
                return 1;
            }
        }
        if (nonAscii(b, from, to)) { // values beyond ASCII: compared as text
            String text = new String(b, from, to - from, charset);
            for (byte[] value : saleValues) {
                if (new String(value, charset).equalsIgnoreCase(text)) {
                    return 0;
                }
            }
            for (byte[] value : rentalValues) {
                if (new String(value, charset).equalsIgnoreCase(text)) {
                    return 1;
                }
            }
        }
        return -1;
    }

    private static boolean nonAscii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsIgnoreCase(byte[] b, int from, int to, byte[] value) {
        if (to - from != value.length) {
            return false;
        }
        for (int i = 0; i < value.length; i++) {
            int x = b[from + i];
            int y = value[i];
            if (x != y && ((x | 0x20) != (y | 0x20) || (x | 0x20) < 'a' || (x | 0x20) > 'z')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why a value's bytes are not text in the schema's encoding, for a reject: {@code at} is the offset of the first
     * bad byte in the file, {@code value} the byte.
     */
    String encodingDetail(long at, int value) {
        return String.format(Locale.ROOT, "byte %d (0x%02x) is not %s; %s", at, value & 0xff, utf8 ? "UTF-8" : schema.dialect().encoding(),
                utf8 ? "if the file is Windows-1252 or Latin-1, say so in the schema (dialect: encoding: windows-1252)"
                        : "check the schema's dialect: encoding");
    }

    /** Blank (spaces and tabs only) or one of the schema's null markers (any case, spaces around ignored). */
    boolean isNull(byte[] b, int from, int to) {
        if (to > from && b[from] != ' ' && b[from] != '\t' && b[to - 1] != ' ' && b[to - 1] != '\t'
                && (to - from > 63 || (nullLengths >>> (to - from) & 1) == 0)) {
            return false; // most values: nothing to trim, no marker this long
        }
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        if (from == to) {
            return true;
        }
        if (to - from > 63 || (nullLengths >>> (to - from) & 1) == 0) {
            return false; // no marker this long: most values
        }
        for (byte[] marker : nullMarkers) {
            if (equalsIgnoreCase(b, from, to, marker)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The index of the first byte that is not text in the schema's encoding, or -1. UTF-8 is checked a word at a
     * time for bytes from 0x80 (none in most rows); Windows-1252 leaves five bytes undefined.
     */
    int invalidByte(byte[] b, int from, int to) {
        int i = from;
        if (utf8) {
            while (i + 8 <= to && (Bytes.longAt(b, i) & 0x8080808080808080L) == 0) {
                i += 8;
            }
            while (i < to) {
                if (b[i] >= 0) {
                    i++;
                    continue;
                }
                int n = Utf8.length(b, i, to);
                if (n <= 0) {
                    return i;
                }
                i += n;
            }
            return -1;
        }
        if (charset.name().equals("windows-1252")) {
            for (; i < to; i++) {
                int v = b[i] & 0xff;
                if (v == 0x81 || v == 0x8d || v == 0x8f || v == 0x90 || v == 0x9d) {
                    return i;
                }
            }
        }
        return -1;
    }

    public Charset charset() {
        return charset;
    }

    public SalesSchema schema() {
        return schema;
    }

    /** After {@link #read} accepted a row: the value of a grouping concept as written (its constant, or "all" / "(none)" when absent). */
    public String groupValue(byte[] b, Concept concept) {
        int at = field(concept);
        if (at >= 0) {
            return text(b, at);
        }
        SalesSchema.Mapping m = schema.concepts().get(concept);
        return m != null && m.constant() != null ? m.constant() : concept == Concept.CITY ? "all" : "(none)";
    }

    /** The group a city spelling counts in: normalised as the schema says; "all" when the data has no city. */
    public String cityName(String spelling) {
        return field(Concept.CITY) == FileColumns.ABSENT ? spelling : cityForm.apply(spelling);
    }

    public String modelName(String raw) {
        return field(Concept.MODEL) == FileColumns.ABSENT ? raw : modelForm.apply(raw);
    }

    public String makeName(String raw) {
        return makeForm.apply(raw);
    }

    /** An extra dimension's value as grouped: normalised, "(none)" for an empty or null value. */
    public String dimensionName(int dimension, String raw) {
        return raw.equals(NONE) ? raw : dimensionForms[dimension].apply(raw);
    }

    /** After {@link #read} accepted a row: extra dimension {@code dimension}'s value as grouped. */
    public String dimensionValue(byte[] b, int dimension) {
        int at = columns.dimensions()[dimension];
        String raw;
        if (at >= 0) {
            raw = isNull(b, parser.starts[at], parser.ends[at]) ? NONE : text(b, at);
        } else {
            String constant = List.copyOf(schema.dimensions().values()).get(dimension).constant();
            raw = constant == null ? NONE : constant;
        }
        return dimensionName(dimension, raw);
    }

    /** The value of an extra dimension a row leaves empty. */
    public static final String NONE = "(none)";

    /** The constant of a grouping concept or dimension mapped to one, in the file's encoding; null otherwise. */
    byte[] constant(SalesSchema.Mapping mapping) {
        return mapping == null || mapping.constant() == null ? null : mapping.constant().getBytes(charset);
    }

    /** Whether the data has a value for {@code concept}. */
    boolean has(Concept concept) {
        return schema.has(concept);
    }
}
