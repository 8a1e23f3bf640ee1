package io.tilework.sales.inspect;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A dealer's export in a given dialect, written for the tests: the language of its header, its
 * encoding, delimiter, date order and pattern, decimal and thousands separators, currency, title
 * lines before the header, with or without a type column. What the file is, is known from these
 * parameters, so the test checks inspect against them and never against what inspect printed.
 */
record DialectFile(String lang, String encoding, boolean bom, boolean doubleDecoded, char delimiter, String datePattern,
                   boolean daysOver12, char decimal, char thousands, String currency, int titleLines, boolean typeColumn) {

    /** Header per language: id, date, city, type, model, make, price, quantity, gender, comment. */
    static final List<String> EN = List.of("Invoice ID", "Date", "Dealer_Region", "Kind", "Model", "Company", "Price ($)", "Qty", "Gender", "Comment");
    static final List<String> FR = List.of("Numéro de facture", "Date de vente", "Ville", "Type de transaction", "Modèle", "Marque", "Montant",
            "Quantité", "Sexe", "Remarque");
    static final List<String> DE = List.of("Rechnungsnummer", "Verkaufsdatum", "Filiale", "Vertragsart", "Modell", "Hersteller", "Preis",
            "Menge", "Geschlecht", "Bemerkung");
    static final List<String> ES = List.of("Factura", "Fecha", "Sucursal", "Tipo", "Modelo", "Marca", "Importe", "Cantidad", "Género", "Nota");
    static final List<String> IT = List.of("Fattura", "Data vendita", "Negozio", "Tipo contratto", "Modello", "Marca", "Prezzo", "Quantità",
            "Genere", "Nota");
    static final List<String> CITIES = List.of("Lyon", "Besançon", "Zürich", "Málaga", "Genève", "Paris");
    static final List<String> MAKES = List.of("Audi", "BMW", "Škoda", "Citroën");
    static final int ROWS = 400;

    List<String> header() {
        return switch (lang) {
            case "fr" -> FR;
            case "de" -> DE;
            case "es" -> ES;
            case "it" -> IT;
            default -> EN;
        };
    }

    List<String> typeValues() {
        return switch (lang) {
            case "fr" -> List.of("vente", "location");
            case "de" -> List.of("Verkauf", "Miete");
            case "es" -> List.of("venta", "alquiler");
            case "it" -> List.of("vendita", "noleggio");
            default -> List.of("sale", "lease");
        };
    }

    /** Writes the file; every field holding the delimiter, a quote or a line break is quoted. */
    Path write(Path file) throws IOException {
        return write(file, true);
    }

    /** Writes the file, with line breaks inside some quoted comments or not. */
    Path write(Path file, boolean lineBreaksInFields) throws IOException {
        var random = new Random(7);
        var lines = new ArrayList<String>();
        for (int t = 0; t < titleLines; t++) {
            lines.add(t == 0 ? "Sales export from the dealer management system" : "Generated 2025-01-03" + delimiter + delimiter);
        }
        List<String> header = new ArrayList<>(header());
        if (!typeColumn) {
            header.remove(3);
        }
        lines.add(join(header));
        for (int i = 0; i < ROWS; i++) {
            int day = 1 + random.nextInt(daysOver12 ? 28 : 12);
            int month = 1 + random.nextInt(12);
            String date = datePattern.replace("yyyy", "2024").replace("dd", two(day)).replace("MM", two(month))
                    .replace("d", String.valueOf(day)).replace("M", String.valueOf(month));
            var row = new ArrayList<String>();
            row.add("INV-" + (100000 + i));
            row.add(date);
            row.add(CITIES.get(random.nextInt(CITIES.size())));
            if (typeColumn) {
                row.add(typeValues().get(random.nextInt(4) == 0 ? 1 : 0));
            }
            row.add("Model " + (char) ('A' + random.nextInt(10)));
            row.add(MAKES.get(random.nextInt(MAKES.size())));
            row.add(amount(20_000 + random.nextInt(80_000) + random.nextInt(100) / 100.0));
            row.add(String.valueOf(1 + random.nextInt(3)));
            row.add(random.nextBoolean() ? "Male" : "Female");
            row.add(random.nextInt(3) == 0 ? "called back" + delimiter + " ref " + i + (lineBreaksInFields ? "\n" : " ") + "second line, with \"quotes\"" : "");
            lines.add(join(row));
        }
        String text = String.join("\r\n", lines) + "\r\n";
        byte[] bytes;
        if (doubleDecoded) { // UTF-8 bytes read as windows-1252 and saved as UTF-8 again
            bytes = new String(text.getBytes(StandardCharsets.UTF_8), Charset.forName("windows-1252")).getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = text.getBytes(Charset.forName(encoding));
        }
        if (bom) {
            byte[] marked = new byte[bytes.length + 3];
            marked[0] = (byte) 0xEF;
            marked[1] = (byte) 0xBB;
            marked[2] = (byte) 0xBF;
            System.arraycopy(bytes, 0, marked, 3, bytes.length);
            bytes = marked;
        }
        return Files.write(file, bytes);
    }

    /** The day patterns the schema should hold, padded first. */
    List<String> expectedDates() {
        boolean padded = datePattern.contains("dd");
        if (padded) {
            return List.of(datePattern);
        }
        String full = datePattern.replace("d", "dd").replace("M", "MM");
        return List.of(full, datePattern);
    }

    private String amount(double value) {
        String s = String.format(Locale.ROOT, "%.2f", value);
        String whole = s.substring(0, s.indexOf('.'));
        if (thousands != 0 && whole.length() > 3) {
            whole = whole.substring(0, whole.length() - 3) + thousands + whole.substring(whole.length() - 3);
        }
        String number = whole + decimal + s.substring(s.indexOf('.') + 1);
        return currency.isEmpty() ? number : currency.equals("$") ? "$" + number : number + " " + currency;
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    private String join(List<String> fields) {
        var out = new StringBuilder();
        for (String f : fields) {
            if (!out.isEmpty()) {
                out.append(delimiter);
            }
            boolean quote = f.indexOf(delimiter) >= 0 || f.contains("\"") || f.contains("\n");
            out.append(quote ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
        }
        return out.toString();
    }
}
