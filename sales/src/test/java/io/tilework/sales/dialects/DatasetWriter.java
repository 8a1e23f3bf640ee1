package io.tilework.sales.dialects;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the look-alikes of the two public datasets (their layouts, with values drawn here: see
 * {@code src/test/resources/datasets/SOURCES.md} for where the layouts come from and why the files
 * are look-alikes). {@link DatasetsTest} checks that the shipped files are what this writes.
 *
 * {@snippet lang="shell" :
 * # from the repository root, after a test compile: rewrite the shipped files
 * java -cp sales/target/test-classes io.tilework.sales.dialects.DatasetWriter sales/src/test/resources/datasets
 * }
 */
final class DatasetWriter {

    private static final String[] REGIONS = {"Middletown", "Aurora", "Greenville", "Pasco", "Janesville", "Scottsdale", "Austin"};
    /** Company, model, lowest and highest price in dollars, body style. */
    private static final Object[][] CARS = {
            {"Ford", "Expedition", 18_000, 45_000, "SUV"}, {"Ford", "Taurus", 12_000, 28_000, "Sedan"},
            {"Dodge", "Durango", 17_000, 39_000, "SUV"}, {"Cadillac", "Eldorado", 25_000, 61_000, "Passenger"},
            {"Toyota", "Celica", 11_000, 26_000, "Hatchback"}, {"Toyota", "Camry", 14_000, 33_000, "Sedan"},
            {"Acura", "TL", 19_000, 43_000, "Hatchback"}, {"Mitsubishi", "Montero Sport", 16_000, 40_000, "SUV"},
            {"Chevrolet", "Silverado", 20_000, 82_000, "Hardtop"}, {"Mercedes-B", "C-Class", 21_000, 63_000, "Passenger"},
            {"Nissan", "Pathfinder", 15_000, 46_000, "Hardtop"}, {"BMW", "528i", 22_000, 58_000, "Sedan"},
            {"Volkswagen", "Jetta", 11_000, 25_000, "Passenger"}, {"Honda", "Accord", 13_000, 31_000, "Sedan"}};
    private static final String[] DEALERS = {"Northside Motors Inc", "Valley Auto Sales", "Riverside Car Center, LLC",
            "Prairie Ford & Lincoln", "Sunset \"Quality\" Cars"};
    private static final String[] FIRST_NAMES = {"Alex", "Jordan", "Sam", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn"};
    private static final String[] ENGINES = {"Double\u00c2\u00a0Overhead Camshaft", "Overhead Camshaft"};
    private static final String[] COLORS = {"Black", "Pale White", "Red"};
    /** Make and model as the registrations table names them, and a typical monthly count. */
    private static final Object[][] MODELS = {
            {"Toyota Corolla", 900}, {"Toyota Yaris Cross", 600}, {"Volkswagen ID.4", 450}, {"Volkswagen Golf", 300},
            {"Hyundai Tucson", 800}, {"Kia Sportage", 700}, {"Skoda Octavia", 650}, {"Skoda Enyaq", 250}, {"Ford Puma", 280},
            {"Tesla Model Y", 220}, {"Dacia Duster", 310}, {"Renault Clio", 180}, {"Peugeot 2008", 210}, {"Nissan Qashqai", 400},
            {"BMW iX1", 90}, {"Audi Q4 e-tron", 110}, {"Mercedes-Benz GLA", 95}, {"Citroën C5 Aircross", 70}, {"Cupra Born", 60},
            {"MG ZS", 240}};

    private DatasetWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "sales/src/test/resources/datasets");
        Files.writeString(dir.resolve(Datasets.CAR_SALES), carSales(2_500, 2022), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(Datasets.NEW_CARS), newCars(YearMonth.of(2024, 1), 18), StandardCharsets.UTF_8);
    }

    /** The dealer export: one row per car sold, in date order, over two years. */
    static String carSales(int rows, long seed) {
        var random = new SplittableRandom(seed);
        var dates = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT);
        var csv = new StringBuilder(String.join(",", Datasets.CAR_SALES_DIALECT.columns().sequencedKeySet())).append('\n');
        var days = random.ints(rows, 0, 730).sorted().toArray();
        for (int i = 0; i < rows; i++) {
            LocalDate date = LocalDate.of(2022, 1, 1).plusDays(days[i]);
            Object[] car = CARS[random.nextInt(CARS.length)];
            int low = (Integer) car[2];
            int high = (Integer) car[3];
            // prices are whole dollars, mostly round, as in the original
            int price = (low + random.nextInt(high - low)) / 500 * 500 + (random.nextInt(10) == 0 ? 1 : 0);
            int income = random.nextInt(4) == 0 ? 13_500 : 200_000 + random.nextInt(2_800) * 1_000;
            String dealer = DEALERS[random.nextInt(DEALERS.length)];
            csv.append(String.join(",", "C_CND_%06d".formatted(i + 1), dates.format(date), FIRST_NAMES[random.nextInt(FIRST_NAMES.length)],
                    random.nextInt(5) == 0 ? "Female" : "Male", Integer.toString(income), quote(dealer), (String) car[0], (String) car[1],
                    ENGINES[random.nextInt(2)], random.nextBoolean() ? "Auto" : "Manual", COLORS[random.nextInt(COLORS.length)],
                    Integer.toString(price), "%05d-%04d".formatted(random.nextInt(100_000), random.nextInt(10_000)), (String) car[4],
                    Integer.toString(6_000_000 + random.nextInt(3_000_000)), REGIONS[random.nextInt(REGIONS.length)])).append('\n');
        }
        return csv.toString();
    }

    /** The registrations table as its portal exports it: every field quoted, one row per month and model, zeros included. */
    static String newCars(YearMonth first, int months) {
        var random = new SplittableRandom(2024);
        var labels = DateTimeFormatter.ofPattern("yyyy MMMM", Locale.ENGLISH);
        var csv = new StringBuilder("\"STATISTIC\",\"Statistic Label\",\"TLIST(M1)\",\"Month\",\"C02411V02908\",\"Make and Model\",\"UNIT\",\"VALUE\"\n");
        for (int m = 0; m < months; m++) {
            YearMonth month = first.plusMonths(m);
            // January and July are the registration peaks (new plates), November and December the troughs
            double season = switch (month.getMonthValue()) {
                case 1 -> 3.0;
                case 7 -> 1.6;
                case 11, 12 -> 0.25;
                default -> 0.9;
            };
            for (int i = 0; i < MODELS.length; i++) {
                long units = random.nextInt(12) == 0 ? 0 : Math.round((Integer) MODELS[i][1] * season * (0.6 + random.nextDouble() * 0.8));
                csv.append(String.join(",", quote("TEM20C01"), quote("New Private Cars Licensed for the First Time"),
                        quote(month.format(DateTimeFormatter.ofPattern("yyyyMM"))), quote(month.format(labels)), quote("%03d".formatted(i + 1)),
                        quote((String) MODELS[i][0]), quote("Number"), quote(Long.toString(units)))).append('\n');
            }
        }
        return csv.toString();
    }

    private static String quote(String field) {
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
