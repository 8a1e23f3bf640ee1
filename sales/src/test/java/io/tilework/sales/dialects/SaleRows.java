package io.tilework.sales.dialects;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one set of rows every dialect file is written from: two years of a dealer's sales and rentals
 * in five cities (three with accents, and a few spelt otherwise), models whose names hold commas,
 * semicolons and quotes, fleet sales of several units, prices into the tens of thousands (so the
 * thousands separators show). The same seed gives the same rows.
 */
final class SaleRows {

    /** Cities as written; the spellings beside them are the same city for the report. */
    private static final String[][] CITIES = {
            {"Paris", "PARIS", " paris"},
            {"Lyon", "LYON", "Lyôn"},
            {"Orléans", "ORLÉANS", "Orleans"},
            {"Besançon", "besançon", "Besancon "},
            {"Saint-Étienne", "saint-étienne", "SAINT-ETIENNE"}};

    /** Make, model, lowest and highest sale price in euros, body style. */
    private static final Object[][] MODELS = {
            {"Renault", "Zoé E-Tech", 28_000, 36_000, "Hatchback"},
            {"Peugeot", "208", 17_000, 26_000, "Hatchback"},
            {"Peugeot", "e-3008, GT", 41_000, 52_000, "SUV"},
            {"Tesla", "Model 3 \"Long Range\"", 44_000, 56_000, "Sedan"},
            {"BMW", "Série 3; M Sport", 48_000, 63_000, "Sedan"},
            {"Citroën", "C5 Aircross", 31_000, 40_000, "SUV"},
            {"Porsche", "911 Carrera", 120_000, 185_000, "Coupe"},
            {"Dacia", "Sandero", 12_000, 16_500, "Hatchback"}};

    private static final String[] REMARKS = {"", "", "", "paid in full", "trade-in: old car, \"as is\"", "delivered late; see mail",
            "two keys"};

    private SaleRows() {
    }

    static List<SaleRow> generate(int count, long seed) {
        var random = new SplittableRandom(seed);
        var rows = new ArrayList<SaleRow>(count);
        LocalDate first = LocalDate.of(2023, 1, 1);
        for (int i = 0; i < count; i++) {
            LocalDate date = first.plusDays(random.nextInt(731));
            String[] city = CITIES[random.nextInt(CITIES.length)];
            String spelling = random.nextInt(20) == 0 ? city[1 + random.nextInt(2)] : city[0];
            Object[] model = MODELS[skewed(random, MODELS.length)];
            boolean rental = random.nextInt(4) == 0;
            int quantity = rental || random.nextInt(8) != 0 ? 1 : 2 + random.nextInt(4);
            long unit;
            int months = 0;
            if (rental) {
                unit = (150 + random.nextInt(1_350)) * 100L + random.nextInt(100);
                months = 1 + random.nextInt(48);
            } else {
                int low = (Integer) model[2];
                int high = (Integer) model[3];
                unit = (low + random.nextInt(high - low)) * 100L + random.nextInt(100);
            }
            long price = unit * quantity;
            long cost = rental ? 0 : price * (70 + random.nextInt(20)) / 100;
            rows.add(new SaleRow("T%06d".formatted(i + 1), date, spelling, rental, (String) model[0], (String) model[1], price,
                    quantity, months, cost, random.nextBoolean() ? "Male" : "Female", (String) model[4],
                    REMARKS[random.nextInt(REMARKS.length)]));
        }
        return rows;
    }

    /** Sales only: the rows of a file without a type column (every row of it is a sale). */
    static List<SaleRow> salesOnly(List<SaleRow> rows) {
        return rows.stream().filter(row -> !row.rental()).toList();
    }

    /** Some models sell far more than others, so the top five are not a tie. */
    private static int skewed(SplittableRandom random, int n) {
        double u = random.nextDouble();
        return Math.min(n - 1, (int) (u * u * n));
    }
}
