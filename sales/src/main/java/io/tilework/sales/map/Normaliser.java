package io.tilework.sales.map;

import java.text.Normalizer;
import java.util.List;

/**
 * How the spellings of a grouping value (a city, a model, an extra dimension's value) become one name, as the
 * schema's {@code normalise} says: {@code trim} (spaces trimmed and collapsed), {@code case} (folded, each word
 * capitalised), {@code accents} (removed). All three are {@link CityNames#normalise}. Without any, the value is
 * only stripped of surrounding spaces.
 */
final class Normaliser {

    private final boolean trim;
    private final boolean fold;
    private final boolean accents;

    Normaliser(List<String> steps) {
        this.trim = steps.contains("trim");
        this.fold = steps.contains("case");
        this.accents = steps.contains("accents");
    }

    String apply(String raw) {
        if (trim && fold && accents) {
            return CityNames.normalise(raw);
        }
        String s = accents ? Normalizer.normalize(raw, Normalizer.Form.NFD).replaceAll("\\p{M}+", "") : raw;
        s = trim ? s.strip().replaceAll("\\s+", " ") : s.strip();
        return fold ? CityNames.capitalised(s) : s;
    }
}
