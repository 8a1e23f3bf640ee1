package io.tilework.sales.dialects;

import static io.tilework.sales.dialects.Field.BODY_STYLE;
import static io.tilework.sales.dialects.Field.CITY;
import static io.tilework.sales.dialects.Field.COST;
import static io.tilework.sales.dialects.Field.DATE;
import static io.tilework.sales.dialects.Field.DURATION;
import static io.tilework.sales.dialects.Field.GENDER;
import static io.tilework.sales.dialects.Field.ID;
import static io.tilework.sales.dialects.Field.MAKE;
import static io.tilework.sales.dialects.Field.MODEL;
import static io.tilework.sales.dialects.Field.MONTH;
import static io.tilework.sales.dialects.Field.PRICE;
import static io.tilework.sales.dialects.Field.QUANTITY;
import static io.tilework.sales.dialects.Field.REMARK;
import static io.tilework.sales.dialects.Field.TYPE;
import static io.tilework.sales.dialects.Field.UNIT_PRICE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * The dialects the end-to-end tests write: between them each encoding (UTF-8, UTF-8 with a BOM,
 * windows-1252), {@code ,} {@code ;} and tab, quoted fields holding the delimiter and quotes (and
 * line breaks in {@link #LINE_BREAKS}), decimal commas, thousands separators, currency symbols,
 * day/month and month/day dates, title lines to skip, other header spellings, no type column, a
 * price as unit price x quantity, and monthly aggregates with a quantity and no price.
 */
final class Dialects {

    /** Our own layout, as {@code tilework sales generate} writes it: what the built-in schema reads. */
    static final Dialect BUILT_IN = new Dialect("builtin", "utf-8", false, ',', false, 0, '.', (char) 0, "", "", "yyyy-MM-dd",
            columns("transaction_id", ID, "date", DATE, "ville", CITY, "type", TYPE, "modele", MODEL, "prix", PRICE,
                    "duree_location_mois", DURATION), "vente", "location", "", false);

    /** A French spreadsheet saved as "CSV UTF-8": BOM, {@code ;}, CRLF, {@code 12 345,67 €}, dd/MM/yyyy. */
    static final Dialect FRENCH_BOM = new Dialect("french-bom", "utf-8", true, ';', true, 0, ',', ' ', "", " €", "dd/MM/yyyy",
            columns("N° facture", ID, "Date de vente", DATE, "Ville", CITY, "Type", TYPE, "Marque", MAKE, "Modèle", MODEL,
                    "Montant TTC", PRICE, "Quantité", QUANTITY, "Durée (mois)", DURATION, "Coût", COST, "Remarque", REMARK),
            "Vente", "Location", "", false);

    /** An old dealer system's export: windows-1252, {@code ;}, two title lines, {@code 12.345,67€}, d/M/yyyy, "-" for nothing. */
    static final Dialect LEGACY_1252 = new Dialect("legacy-1252", "windows-1252", false, ';', true, 2, ',', '.', "", "€", "d/M/yyyy",
            columns("Référence", ID, "Ville", CITY, "Date", DATE, "Genre", GENDER, "Opération", TYPE, "Modèle", MODEL,
                    "Montant", PRICE, "Nb", QUANTITY, "Mois", DURATION, "Prix de revient", COST),
            "V", "L", "-", false);

    /** A US export, tab-separated: {@code $12,345.67}, MM/dd/yyyy, NA for nothing, extra dimensions. */
    static final Dialect US_TAB = new Dialect("us-tab", "utf-8", false, '\t', false, 0, '.', ',', "$", "", "MM/dd/yyyy",
            columns("Invoice ID", ID, "Sale Date", DATE, "Region", CITY, "Kind", TYPE, "Make", MAKE, "Model", MODEL,
                    "Amount", PRICE, "Units", QUANTITY, "Lease Months", DURATION, "Gender", GENDER, "Body Style", BODY_STYLE,
                    "Notes", REMARK), "Sale", "Lease", "NA", false);

    /** A car dealer's export as found on data sites: no type column (all sales), M/d/yyyy, "Price ($)" with thousands commas. */
    static final Dialect US_NO_TYPE = new Dialect("us-no-type", "utf-8", false, ',', true, 0, '.', ',', "", "", "M/d/yyyy",
            columns("Car_id", ID, "Date", DATE, "Gender", GENDER, "Dealer_Region", CITY, "Company", MAKE, "Model", MODEL,
                    "Price ($)", PRICE, "Body Style", BODY_STYLE), "", "", "", false);

    /** An order-lines export: the amount is unit price x quantity (an expression), ISO dates. */
    static final Dialect UNIT_PRICE_LINES = new Dialect("unit-price", "utf-8", false, ',', false, 0, '.', (char) 0, "", "", "yyyy-MM-dd",
            columns("order", ID, "ordered on", DATE, "store", CITY, "kind", TYPE, "brand", MAKE, "item", MODEL,
                    "unit price", UNIT_PRICE, "qty", QUANTITY, "term", DURATION), "sale", "rental", "", false);

    /** Remarks with line breaks inside quotes (a note typed over several lines in the dealer's tool). */
    static final Dialect LINE_BREAKS = new Dialect("line-breaks", "utf-8", false, ',', false, 0, '.', (char) 0, "", "", "yyyy-MM-dd",
            columns("id", ID, "date", DATE, "city", CITY, "type", TYPE, "model", MODEL, "price", PRICE, "months", DURATION,
                    "remark", REMARK), "sale", "rental", "", true);

    /** New registrations per month and make (and model): a month, units, no price, no id, no type. */
    static final Dialect MONTHLY = new Dialect("monthly", "utf-8", false, ';', false, 0, ',', (char) 0, "", "", "MM/yyyy",
            columns("Mois", MONTH, "Région", CITY, "Marque", MAKE, "Modèle", MODEL, "Immatriculations", QUANTITY),
            "", "", "", false);

    /** Every dialect. */
    static final List<Dialect> ALL = List.of(BUILT_IN, FRENCH_BOM, LEGACY_1252, US_TAB, US_NO_TYPE, UNIT_PRICE_LINES, LINE_BREAKS, MONTHLY);

    private Dialects() {
    }

    private static SequencedMap<String, Field> columns(Object... headerThenField) {
        var columns = new LinkedHashMap<String, Field>();
        for (int i = 0; i < headerThenField.length; i += 2) {
            columns.put((String) headerThenField[i], (Field) headerThenField[i + 1]);
        }
        return columns;
    }
}
