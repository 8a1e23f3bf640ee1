package io.tilework.charts.catalog;

import io.tilework.charts.failure.CellUnreadable;
import java.util.Locale;

/**
 * The navigational purpose of an ENC cell, the third character of its name (IHO S-57 Appendix B.1):
 * 1 overview to 6 berthing. A higher band is more detailed and wins where cells overlap.
 */
public enum UsageBand {
    OVERVIEW, GENERAL, COASTAL, APPROACH, HARBOUR, BERTHING;

    /** 1 to 6, as in the cell name. */
    public int number() {
        return ordinal() + 1;
    }

    /** The band of a cell named like {@code US5WA22M}: its third character. */
    public static UsageBand ofCellName(String name) {
        char digit = name.length() < 3 ? '?' : name.charAt(2);
        if (digit < '1' || digit > '6') {
            throw new CellUnreadable("cell name '" + name + "' has no usage band: its third character must be 1 to 6");
        }
        return values()[digit - '1'];
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
