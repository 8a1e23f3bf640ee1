package io.tilework.sales.generate;

import io.tilework.engine.io.AtomicFile;
import io.tilework.engine.io.Leftovers;
import io.tilework.sales.failure.RejectReason;
import io.tilework.sales.failure.SalesInputInvalid;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic transaction export of a premium car dealer (five cities, two of them opening
 * during the span, 24 months with seasonality and growth, sales and rentals of about twenty models,
 * a few odd city spellings and quoted fields, and a chosen fraction of rows with exactly one defect
 * each), for testing and benchmarking the sales KPIs at any size. Every value comes from one
 * {@link SplittableRandom} seeded with {@link Options#seed()} and drawn in a fixed order, so the
 * same options always give the same bytes (a {@code .gz} file: the same bytes once decompressed).
 */
public final class SalesGenerator {

    /**
     * @param rows        data lines to write, after the header
     * @param seed        the seed of every random choice
     * @param badFraction the share of rows, from 0 to 0.5, that carry one defect
     */
    public record Options(long rows, long seed, double badFraction) {
        public Options {
            if (rows < 0) {
                throw new SalesInputInvalid("rows must be 0 or more, not " + rows);
            }
            if (!(badFraction >= 0 && badFraction <= 0.5)) { // also rejects NaN
                throw new SalesInputInvalid("badFraction must be between 0 and 0.5, not " + badFraction);
            }
        }

        public static Options of(long rows, long seed) {
            return new Options(rows, seed, 0.01);
        }
    }

    /** Told of each defective row as it is written: its physical line (the header is line 1) and the reason a validator gives. */
    @FunctionalInterface
    public interface BadRows {
        void bad(long line, RejectReason reason);
    }

    /** @param bytes the size of the CSV text (before compression for a {@code .gz} file) */
    public record Summary(long rows, long badRows, long bytes) {
    }

    /**
     * Writes the CSV to {@code out} (gzip if its name ends with {@code .gz}), creating its directory.
     * The file appears complete or not at all ({@link AtomicFile}); a full disk is {@link io.tilework.engine.failure.DiskFull}.
     */
    public static Summary write(Path out, Options options, BadRows badRows) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(badRows, "badRows");
        Path target = out.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        String name = target.getFileName().toString();
        Leftovers.sweep(directory); // temporary files of killed runs
        var summary = new Summary[1];
        AtomicFile.write(target, file -> {
            try (OutputStream sink = name.endsWith(".gz") ? fastGzip(file) : file) {
                summary[0] = new Writer(sink, options, badRows).run();
            }
        });
        return summary[0];
    }

    /** Generated files are large and thrown away; compressing fast matters more than compressing well. */
    private static OutputStream fastGzip(OutputStream file) throws IOException {
        return new GZIPOutputStream(file, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    private SalesGenerator() {
    }

    // ---------------------------------------------------------------- the world the rows describe

    private static final byte[] HEADER = ascii("transaction_id,date,ville,type,modele,prix,duree_location_mois\n");
    private static final LocalDate FIRST_DAY = LocalDate.of(2023, 1, 1);
    private static final int DAYS = (int) (LocalDate.of(2024, 12, 31).toEpochDay() - FIRST_DAY.toEpochDay() + 1);
    private static final int MONTHS = 24;

    /** Jan..Dec: spring and June deliveries, the December year-end push, the August holiday dip. */
    private static final double[] SEASON = {0.8, 0.85, 1.1, 1.1, 1.05, 1.2, 0.9, 0.6, 1.1, 1.0, 0.95, 1.25};
    /** Mon..Sun: most deals are signed on Saturday; few showrooms open on Sunday. */
    private static final double[] WEEKDAY = {0.85, 0.95, 1.0, 1.0, 1.1, 1.35, 0.25};
    private static final double GROWTH_PER_YEAR = 0.08;

    private static final String[] CITIES = {"Paris", "Lyon", "Marseille", "Toulouse", "Bordeaux"};
    private static final double[] CITY_SHARE = {0.40, 0.25, 0.20, 0.10, 0.05};
    /** The month of the span each showroom opened in (0 = January 2023). */
    private static final int[] CITY_OPENS = {0, 0, 0, 6, 12};
    /** Hand-typed or re-exported spellings that normalise to the city's name. */
    private static final String[][] SPELLINGS = {
            {"PARIS", "paris", " Paris", "Paris  "},
            {"LYON", " lyon ", "lyon", "Ly\u00f4n"},
            {"MARSEILLE", "marseille", "Marseille ", " marseille"},
            {"Toulouse ", "TOULOUSE", "toulouse"},
            {"bordeaux", "BORDEAUX", " Bordeaux"},
    };

    private record Model(String name, double popularity, int saleMin, int saleMax, int rentMin, int rentMax, double rentalShare) {
    }

    private static final Model[] MODELS = {
            new Model("BMW_Serie_3", 9, 45_000, 72_000, 550, 1_100, 0.30),
            new Model("BMW_Serie_5", 6, 58_000, 95_000, 750, 1_500, 0.32),
            new Model("BMW_X3", 9, 52_000, 85_000, 650, 1_300, 0.30),
            new Model("BMW_X5", 4, 80_000, 130_000, 1_000, 2_200, 0.30),
            new Model("Mercedes_Classe_A", 8, 35_000, 55_000, 450, 850, 0.30),
            new Model("Mercedes_Classe_C", 9, 50_000, 80_000, 600, 1_250, 0.32),
            new Model("Mercedes_Classe_E", 5, 62_000, 100_000, 800, 1_600, 0.30),
            new Model("Mercedes_GLC", 7, 58_000, 90_000, 700, 1_400, 0.30),
            new Model("Mercedes_GLE", 4, 80_000, 130_000, 1_000, 2_100, 0.28),
            new Model("Audi_A4", 7, 44_000, 70_000, 550, 1_050, 0.30),
            new Model("Audi_A6", 5, 58_000, 95_000, 750, 1_500, 0.32),
            new Model("Audi_Q5", 8, 55_000, 88_000, 650, 1_350, 0.30),
            new Model("Tesla_Model_3", 8, 40_000, 55_000, 500, 850, 0.40),
            new Model("Tesla_Model_Y", 9, 45_000, 60_000, 550, 950, 0.40),
            new Model("Porsche_911", 2, 120_000, 180_000, 1_800, 3_500, 0.12),
            new Model("Porsche_Cayenne", 3, 90_000, 165_000, 1_400, 3_000, 0.20),
            new Model("Volvo_XC60", 6, 52_000, 78_000, 600, 1_150, 0.30),
            new Model("Range_Rover_Evoque", 4, 45_000, 68_000, 600, 1_100, 0.28),
            new Model("Lexus_RX", 2.5, 70_000, 95_000, 850, 1_500, 0.25),
            new Model("Jaguar_F_Pace", 2, 60_000, 95_000, 750, 1_400, 0.25),
            new Model("Maserati_Levante", 1, 95_000, 140_000, 1_400, 2_600, 0.15),
            new Model("DS_7", 4, 42_000, 62_000, 500, 950, 0.30),
    };

    /** Durations outside the 12/24/36/48 standard offers that still come up. */
    private static final int[] OTHER_DURATIONS = {3, 6, 18, 30, 42};

    /** Per day: {@code YYYY-MM-DD}, and the parts bad dates are made from. */
    private static final byte[] DATES = new byte[DAYS * 10];
    private static final int[] MONTH_OF_DAY = new int[DAYS];
    private static final int[] YEAR = new int[DAYS];
    private static final int[] MONTH = new int[DAYS];
    private static final int[] DAY_OF_MONTH = new int[DAYS];
    private static final int[] MONTH_LENGTH = new int[DAYS];
    /** Cumulative share of all rows up to and including each day. */
    private static final double[] DAY_CDF = new double[DAYS];
    /** Per month of the span, cumulative weights of the cities trading then. */
    private static final double[][] CITY_CDF = new double[MONTHS][CITIES.length];
    private static final double[] MODEL_CDF = new double[MODELS.length];
    private static final byte[][] SPELLING_BYTES = new byte[CITIES.length][];
    private static final byte[][][] VARIANT_BYTES = new byte[CITIES.length][][];
    private static final byte[][] MODEL_BYTES = new byte[MODELS.length][];

    static {
        for (int m = 0; m < MONTHS; m++) {
            double sum = 0;
            for (int c = 0; c < CITIES.length; c++) {
                int open = m - CITY_OPENS[c];
                // a new showroom takes about three months to reach its full volume
                double ramp = open < 0 ? 0 : Math.min(1, (open + 1) / 3.0);
                sum += CITY_SHARE[c] * ramp;
                CITY_CDF[m][c] = sum;
            }
        }
        double total = 0;
        double[] weights = new double[DAYS];
        for (int d = 0; d < DAYS; d++) {
            LocalDate date = FIRST_DAY.plusDays(d);
            int m = (date.getYear() - 2023) * 12 + date.getMonthValue() - 1;
            MONTH_OF_DAY[d] = m;
            YEAR[d] = date.getYear();
            MONTH[d] = date.getMonthValue();
            DAY_OF_MONTH[d] = date.getDayOfMonth();
            MONTH_LENGTH[d] = date.lengthOfMonth();
            byte[] text = ascii(date.toString());
            System.arraycopy(text, 0, DATES, d * 10, 10);
            weights[d] = SEASON[date.getMonthValue() - 1] * WEEKDAY[date.getDayOfWeek().ordinal()]
                    * (1 + GROWTH_PER_YEAR * d / 365.0) * CITY_CDF[m][CITIES.length - 1];
            total += weights[d];
        }
        double running = 0;
        for (int d = 0; d < DAYS; d++) {
            running += weights[d];
            DAY_CDF[d] = running / total;
        }
        DAY_CDF[DAYS - 1] = 1.0;
        double sum = 0;
        for (int i = 0; i < MODELS.length; i++) {
            sum += MODELS[i].popularity();
            MODEL_CDF[i] = sum;
        }
        for (int i = 0; i < MODELS.length; i++) {
            MODEL_CDF[i] /= sum;
            MODEL_BYTES[i] = ascii(MODELS[i].name());
        }
        MODEL_CDF[MODELS.length - 1] = 1.0;
        for (int c = 0; c < CITIES.length; c++) {
            SPELLING_BYTES[c] = ascii(CITIES[c]);
            VARIANT_BYTES[c] = new byte[SPELLINGS[c].length][];
            for (int v = 0; v < SPELLINGS[c].length; v++) {
                VARIANT_BYTES[c][v] = SPELLINGS[c][v].getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** The defects, one per bad row; {@code DUPLICATE_ID} last, so the others are {@code KINDS[0, length - 1)}. */
    private static final RejectReason[] KINDS = {
            RejectReason.COLUMN_COUNT, RejectReason.BAD_DATE, RejectReason.UNKNOWN_TYPE, RejectReason.BAD_PRICE,
            RejectReason.NEGATIVE_PRICE, RejectReason.RENTAL_WITHOUT_DURATION, RejectReason.BAD_DURATION,
            RejectReason.DURATION_ON_SALE, RejectReason.DUPLICATE_ID,
    };

    private static final byte[] TX = ascii("TX");
    private static final byte[] VENTE = ascii("vente");
    private static final byte[] LOCATION = ascii("location");
    private static final byte[] NULL = ascii("NULL");
    private static final byte[] LEASING = ascii("leasing");
    private static final byte[] ACHAT = ascii("achat");
    private static final byte[] LLD = ascii("LLD");
    private static final byte[] ABC = ascii("abc");
    private static final byte[] NA = ascii("N/A");
    private static final byte[] EUR = ascii("EUR");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- one row and its bytes

    private static final class Row {
        long seq;
        int day;
        int city;
        /** Index into the city's odd spellings, or -1 for its name. */
        int spelling;
        int model;
        boolean quoted;
        boolean rental;
        long cents;
        boolean decimals;
        /** Months for a rental; for a sale whether the empty duration is written {@code NULL}. */
        int duration;
        boolean nullDuration;

        void copy(Row o) {
            seq = o.seq;
            day = o.day;
            city = o.city;
            spelling = o.spelling;
            model = o.model;
            quoted = o.quoted;
            rental = o.rental;
            cents = o.cents;
            decimals = o.decimals;
            duration = o.duration;
            nullDuration = o.nullDuration;
        }
    }

    private static final class Writer {
        private static final int BUFFER = 1 << 20;
        /** Longer than any line, so a line needs no bounds check while it is formatted. */
        private static final int MAX_LINE = 512;
        /** Recent good rows, the ones a duplicate may repeat: never a bad row, whose id the validator does not keep. */
        private static final int RING = 4096;

        private final OutputStream out;
        private final long rows;
        private final double badFraction;
        private final BadRows badRows;
        private final SplittableRandom random;
        private final int idWidth;
        private final byte[] buffer = new byte[BUFFER];
        private int pos;
        private long bytes;
        private final Row row = new Row();
        private final Row[] ring = new Row[RING];
        private int ringSize;
        private int ringNext;

        Writer(OutputStream out, Options options, BadRows badRows) {
            this.out = out;
            this.rows = options.rows();
            this.badFraction = options.badFraction();
            this.badRows = badRows;
            this.random = new SplittableRandom(options.seed());
            this.idWidth = Math.max(8, Long.toString(options.rows()).length());
            for (int i = 0; i < RING; i++) {
                ring[i] = new Row();
            }
        }

        Summary run() throws IOException {
            put(HEADER);
            long bad = 0;
            int day = 0;
            for (long i = 0; i < rows; i++) {
                // rows come out in date order, as an export sorted by date would, then a few days of jitter
                double quantile = (i + random.nextDouble()) / rows;
                while (day < DAYS - 1 && DAY_CDF[day] < quantile) {
                    day++;
                }
                int rowDay = day;
                if (random.nextInt(4) == 0) {
                    rowDay = Math.clamp(day + random.nextInt(-3, 4), 0, DAYS - 1);
                }
                RejectReason defect = null;
                if (random.nextDouble() < badFraction) {
                    defect = KINDS[random.nextInt(ringSize == 0 ? KINDS.length - 1 : KINDS.length)];
                }
                int variant = random.nextInt(1 << 20);
                if (defect == RejectReason.DUPLICATE_ID && (variant & 1) == 0) {
                    row.copy(ring[(variant >>> 8) % ringSize]); // the same line exported twice
                } else {
                    fill(i + 1, rowDay, forcedType(defect, variant));
                    if (defect == RejectReason.DUPLICATE_ID) {
                        row.seq = ring[(variant >>> 8) % ringSize].seq; // another deal booked under a used id
                    }
                }
                line(defect, variant);
                if (defect == null) {
                    ring[ringNext].copy(row);
                    ringNext = (ringNext + 1) % RING;
                    ringSize = Math.min(ringSize + 1, RING);
                } else {
                    bad++;
                    badRows.bad(i + 2, defect);
                }
                if (pos > BUFFER - MAX_LINE) {
                    flush();
                }
            }
            flush();
            return new Summary(rows, bad, bytes);
        }

        /** 0 for a sale, 1 for a rental, -1 for either: the type a defect needs to be the row's only one. */
        private static int forcedType(RejectReason defect, int variant) {
            if (defect == null) {
                return -1;
            }
            return switch (defect) {
                case RENTAL_WITHOUT_DURATION, BAD_DURATION -> 1;
                case DURATION_ON_SALE -> 0;
                case UNKNOWN_TYPE -> switch (variant % 4) {
                    case 0, 3 -> 1; // leasing, LLD: rentals under another name
                    case 1 -> 0;    // achat: a sale
                    default -> -1;
                };
                default -> -1;
            };
        }

        private void fill(long seq, int day, int type) {
            Row r = row;
            r.seq = seq;
            r.day = day;
            double[] cities = CITY_CDF[MONTH_OF_DAY[day]];
            double u = random.nextDouble() * cities[cities.length - 1];
            int c = 0;
            while (c < cities.length - 1 && cities[c] <= u) {
                c++;
            }
            r.city = c;
            r.spelling = random.nextInt(50) == 0 ? random.nextInt(SPELLINGS[c].length) : -1;
            double v = random.nextDouble();
            int m = 0;
            while (m < MODELS.length - 1 && MODEL_CDF[m] <= v) {
                m++;
            }
            r.model = m;
            r.quoted = random.nextInt(100) == 0;
            Model model = MODELS[m];
            r.rental = type < 0 ? random.nextDouble() < model.rentalShare() : type == 1;
            double skew = random.nextDouble();
            skew *= skew; // entry and mid trims sell more than the top ones
            int style = random.nextInt(10);
            boolean odd = random.nextInt(10) == 0; // a negotiated price, down to the cent
            long euros;
            if (r.rental) {
                long tens = Math.round((model.rentMin() + (model.rentMax() - model.rentMin()) * skew) / 10) * 10;
                euros = style < 7 ? tens - 1 : tens; // 799 or 800 a month
                r.cents = odd && style < 5 ? tens * 100 - 1 : euros * 100;
                if (odd && style >= 5) {
                    r.cents -= r.cents * random.nextInt(1, 9) / 100;
                }
                int x = random.nextInt(100);
                r.duration = x < 20 ? 12 : x < 42 ? 24 : x < 72 ? 36 : x < 85 ? 48
                        : x < 93 ? OTHER_DURATIONS[random.nextInt(OTHER_DURATIONS.length)] : random.nextInt(1, 49);
            } else {
                double list = model.saleMin() + (model.saleMax() - model.saleMin()) * skew;
                long hundreds = Math.round(list / 100) * 100;
                euros = style < 6 ? hundreds - 10 : style < 9 ? hundreds : Math.round(list / 10) * 10; // 45990, 45900, 45870
                r.cents = euros * 100;
                if (odd) {
                    r.cents -= r.cents * random.nextInt(1, 9) / 100; // a 1-8 % discount
                }
                r.duration = 0;
            }
            r.decimals = odd;
            r.nullDuration = random.nextInt(100) < 65;
        }

        private void line(RejectReason defect, int variant) {
            Row r = row;
            int choice = variant % 5;
            int extra = variant >>> 8;
            put(TX);
            zeroPadded(r.seq, idWidth);
            put(',');
            if (defect == RejectReason.BAD_DATE) {
                badDate(r.day, choice);
            } else {
                System.arraycopy(DATES, r.day * 10, buffer, pos, 10);
                pos += 10;
            }
            put(',');
            boolean shifted = defect == RejectReason.COLUMN_COUNT && variant % 4 == 3;
            if (!shifted) { // else the city column is missing altogether
                put(r.spelling < 0 ? SPELLING_BYTES[r.city] : VARIANT_BYTES[r.city][r.spelling]);
                put(',');
            }
            if (defect == RejectReason.UNKNOWN_TYPE) {
                switch (variant % 4) {
                    case 0 -> put(LEASING);
                    case 1 -> put(ACHAT);
                    case 2 -> { } // empty
                    default -> put(LLD);
                }
            } else {
                put(r.rental ? LOCATION : VENTE);
            }
            put(',');
            if (r.quoted) {
                put('"');
                put(MODEL_BYTES[r.model]);
                put('"');
            } else {
                put(MODEL_BYTES[r.model]);
            }
            put(',');
            if (defect == RejectReason.BAD_PRICE) {
                badPrice(choice, extra);
            } else if (defect == RejectReason.NEGATIVE_PRICE) {
                put('-'); // a refund exported as a negative sale
                price(false);
            } else {
                price(defect == RejectReason.COLUMN_COUNT && variant % 4 == 2);
            }
            if (defect == RejectReason.COLUMN_COUNT && variant % 4 == 0) {
                put('\n'); // the duration column is missing
                return;
            }
            put(',');
            if (defect == RejectReason.RENTAL_WITHOUT_DURATION) {
                if ((extra & 1) == 0) {
                    put(NULL);
                }
            } else if (defect == RejectReason.BAD_DURATION) {
                switch (variant % 4) {
                    case 0 -> put('0');
                    case 1 -> number(60 + 12 * (extra % 3)); // 60, 72, 84: longer than any offer
                    case 2 -> put(ABC);
                    default -> {
                        number(r.duration);
                        put('.');
                        put('5');
                    }
                }
            } else if (defect == RejectReason.DURATION_ON_SALE) {
                number(12 * (1 + extra % 4));
            } else if (r.rental) {
                number(r.duration);
            } else if (r.nullDuration) {
                put(NULL);
            }
            if (defect == RejectReason.COLUMN_COUNT && variant % 4 == 1) {
                put(',');
                if ((extra & 1) == 0) {
                    put(EUR); // a currency column appended by another export
                }
            }
            put('\n');
        }

        private void badDate(int day, int choice) {
            int year = YEAR[day];
            int month = MONTH[day];
            int dom = DAY_OF_MONTH[day];
            switch (choice) {
                case 0 -> { // a day the month does not have: 2024-02-30, 2023-04-31, or 00
                    number(year);
                    put('-');
                    twoDigits(month);
                    put('-');
                    twoDigits(MONTH_LENGTH[day] == 31 ? 0 : MONTH_LENGTH[day] + 1);
                }
                case 1 -> { // day and month swapped (2024-15-01), or month 13
                    number(year);
                    put('-');
                    twoDigits(dom > 12 ? dom : 13);
                    put('-');
                    twoDigits(dom > 12 ? month : dom);
                }
                case 2 -> { // French order: 15/01/2024
                    twoDigits(dom);
                    put('/');
                    twoDigits(month);
                    put('/');
                    number(year);
                }
                case 3 -> {
                    if (month < 10 || dom < 10) { // not zero-padded: 2024-1-5
                        number(year);
                        put('-');
                        number(month);
                        put('-');
                        number(dom);
                    } else { // slashes: 2024/10/15
                        number(year);
                        put('/');
                        twoDigits(month);
                        put('/');
                        twoDigits(dom);
                    }
                }
                default -> { } // empty
            }
        }

        private void badPrice(int choice, int extra) {
            long cents = row.cents;
            switch (choice) {
                case 0 -> put(ABC);
                case 1 -> put(NA);
                case 3 -> { } // empty
                default -> {
                    if (choice == 4 && cents >= 100_000) { // French thousands separator: 45 990
                        number(cents / 100_000);
                        put(' ');
                        zeroPadded(cents / 100 % 1000, 3);
                    } else { // three decimals: 45990.125
                        number(cents / 100);
                        put('.');
                        zeroPadded(cents % 100 * 10 + extra % 10, 3);
                    }
                }
            }
        }

        /** The row's price; {@code grouped}: with a comma between thousands, which splits the field in two. */
        private void price(boolean grouped) {
            long cents = row.cents;
            long euros = cents / 100;
            if (grouped && euros >= 1000) {
                number(euros / 1000);
                put(',');
                zeroPadded(euros % 1000, 3);
            } else {
                number(euros);
            }
            if (row.decimals) {
                put('.');
                twoDigits((int) (cents % 100));
            }
            if (grouped && euros < 1000) {
                put(','); // too cheap to group: an empty extra field instead
            }
        }

        private void put(int b) {
            buffer[pos++] = (byte) b;
        }

        private void put(byte[] bytes) {
            System.arraycopy(bytes, 0, buffer, pos, bytes.length);
            pos += bytes.length;
        }

        private void twoDigits(int value) {
            buffer[pos] = (byte) ('0' + value / 10);
            buffer[pos + 1] = (byte) ('0' + value % 10);
            pos += 2;
        }

        private void zeroPadded(long value, int width) {
            for (int i = pos + width - 1; i >= pos; i--) {
                buffer[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            pos += width;
        }

        private void number(long value) {
            int width = 1;
            for (long v = value; v >= 10; v /= 10) {
                width++;
            }
            zeroPadded(value, width);
        }

        private void flush() throws IOException {
            out.write(buffer, 0, pos);
            bytes += pos;
            pos = 0;
        }
    }
}
