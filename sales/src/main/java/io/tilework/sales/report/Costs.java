package io.tilework.sales.report;

import io.tilework.sales.failure.Excerpt;
import io.tilework.sales.failure.UnreadableInput;
import io.tilework.sales.input.FileHead;
import io.tilework.sales.map.RowParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Costs per model, for margins: a CSV with a header and three columns in this order — model,
 * purchase cost, monthly rental cost (euros, at most two decimals). A sale's margin is its price
 * minus the purchase cost; a rental's is (monthly price - monthly cost) x months.
 */
public record Costs(Path file, Map<String, Cost> byModel) {

    /** In cents. */
    record Cost(long purchase, long monthly) {
    }

    /** A costs file has a row per model: one larger than this is not one. */
    static final long MAX_BYTES = 16L << 20;

    public static Costs read(Path file, char delimiter) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new UnreadableInput(file, Files.size(file) + " bytes is far too large for a costs file (a row per model); "
                    + "is this the right file for --costs?");
        }
        FileHead.firstLine(file, (int) MAX_BYTES); // CSV text, not a binary file or another encoding
        var byModel = new TreeMap<String, Cost>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException(file + ": empty; expected a header and rows of model" + delimiter + "purchase cost"
                        + delimiter + "monthly rental cost");
            }
            var parser = new RowParser(delimiter, 3);
            for (int number = 2; (line = in.readLine()) != null; number++) {
                if (line.isBlank()) {
                    continue;
                }
                byte[] b = line.strip().getBytes(StandardCharsets.UTF_8);
                if (parser.split(b, 0, b.length) != null) {
                    throw new IOException(file + ":" + number + ": expected 3 columns (model, purchase cost, monthly rental cost): "
                            + Excerpt.of(line));
                }
                String model = parser.text(b, 0).strip();
                long purchase = RowParser.cents(b, parser.starts[1], parser.ends[1]);
                long monthly = RowParser.cents(b, parser.starts[2], parser.ends[2]);
                if (model.isEmpty() || purchase < 0 || monthly < 0) {
                    throw new IOException(file + ":" + number + ": a model and two non-negative amounts (at most two decimals) expected: "
                            + Excerpt.of(line));
                }
                if (byModel.put(model, new Cost(purchase, monthly)) != null) {
                    throw new IOException(file + ":" + number + ": model " + Excerpt.of(model) + " has costs twice");
                }
            }
        }
        return new Costs(file, byModel);
    }
}
