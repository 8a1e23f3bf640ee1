package io.tilework.gdal;

import java.util.Comparator;

/** A GDAL release number such as 3.6.2. */
public record GdalVersion(int major, int minor, int patch) implements Comparable<GdalVersion> {

    private static final Comparator<GdalVersion> ORDER = Comparator.comparingInt(GdalVersion::major)
            .thenComparingInt(GdalVersion::minor).thenComparingInt(GdalVersion::patch);

    /** Parses "3.6.2" or "3.10.0dev" (anything after the numbers is ignored). */
    public static GdalVersion parse(String text) {
        String[] parts = text.strip().split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a GDAL version: '" + text + "'");
        }
        return new GdalVersion(leadingInt(parts[0]), leadingInt(parts[1]), parts.length > 2 ? leadingInt(parts[2]) : 0);
    }

    private static int leadingInt(String part) {
        int end = 0;
        while (end < part.length() && Character.isDigit(part.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(part.substring(0, end));
    }

    @Override
    public int compareTo(GdalVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
