package io.tilework.sales.map;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How spellings of a city become one name: accents removed, spaces trimmed and collapsed, case
 * folded, then each word (also after a hyphen) capitalised: {@code " LYÓN "}, {@code "lyon"} and
 * {@code "Lyon"} are all {@code "Lyon"}; {@code "saint  étienne"} is {@code "Saint Etienne"}.
 */
public final class CityNames {

    private CityNames() {
    }

    public static String normalise(String raw) {
        String plain = Normalizer.normalize(raw, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return capitalised(plain.strip().replaceAll("\\s+", " "));
    }

    /** {@code text} in lower case with each word's first letter upper case ({@code saint-étienne} is {@code Saint-Étienne}). */
    static String capitalised(String text) {
        String folded = text.toLowerCase(Locale.ROOT);
        var name = new StringBuilder(folded.length());
        boolean wordStart = true;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            name.append(wordStart ? Character.toUpperCase(c) : c);
            wordStart = c == ' ' || c == '-';
        }
        return name.toString();
    }
}
