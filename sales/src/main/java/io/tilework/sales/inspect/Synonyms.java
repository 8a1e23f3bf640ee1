package io.tilework.sales.inspect;

import io.tilework.sales.schema.Concept;
import java.text.Normalizer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Header names of each concept in English, French, German, Spanish and Italian (and the built-in
 * layout's names), compared normalised: lower case, without accents, punctuation and underscores
 * as spaces ({@code Dealer_Region} is {@code dealer region}); and the values that mean a sale or a rental.
 */
final class Synonyms {

    private static final Map<Concept, List<String>> HEADERS = new EnumMap<>(Concept.class);

    static {
        HEADERS.put(Concept.ID, List.of("order", "orden", "auftrag", "bestellung", "id", "transaction id", "transaction", "invoice", "invoice id", "invoice no", "invoice number",
                "order id", "order no", "order number", "sale id", "sales id", "receipt", "reference", "ref", "car id", "row id", "record id",
                "identifiant", "id transaction", "numero", "numero de facture", "facture", "commande", "no facture", "reference vente",
                "rechnungsnummer", "rechnung", "bestellnummer", "belegnummer", "vorgangsnummer", "nummer",
                "id venta", "factura", "numero factura", "numero de factura", "pedido", "id transaccion",
                "fattura", "numero fattura", "ordine", "id vendita", "id transazione", "codice"));
        HEADERS.put(Concept.DATE, List.of("date", "day", "sale date", "sales date", "order date", "invoice date", "transaction date",
                "purchase date", "date of sale", "jour", "date de vente", "date vente", "date transaction", "date facture",
                "datum", "verkaufsdatum", "rechnungsdatum", "tag", "fecha", "fecha venta", "fecha de venta", "dia",
                "data", "data vendita", "data di vendita", "giorno"));
        HEADERS.put(Concept.MONTH, List.of("month", "period", "year month", "yearmonth", "month year", "mois", "periode", "annee mois",
                "monat", "zeitraum", "mes", "periodo", "mese", "anno mese"));
        HEADERS.put(Concept.CITY, List.of("city", "town", "region", "dealer region", "store", "shop", "branch", "dealer", "dealer name",
                "dealership", "site", "location", "outlet", "agency", "state", "country", "ville", "agence", "magasin", "concession",
                "concessionnaire", "succursale", "pays", "departement", "stadt", "ort", "filiale", "niederlassung", "handler", "autohaus",
                "bundesland", "land", "ciudad", "tienda", "sucursal", "concesionario", "provincia", "pais", "citta", "negozio", "sede",
                "concessionario", "paese", "punto vendita"));
        HEADERS.put(Concept.TYPE, List.of("operation", "operacion", "operazione", "vorgang", "transaktion", "transaction kind", "type", "transaction type", "sale type", "sales type", "kind", "deal type", "contract type",
                "type de transaction", "type transaction", "type de contrat", "nature", "art", "typ", "vertragsart", "geschaftsart",
                "tipo", "tipo de transaccion", "tipo de operacion", "tipo operazione", "tipo contratto", "tipo transazione"));
        HEADERS.put(Concept.MODEL, List.of("model", "vehicle model", "car model", "product", "product name", "item", "vehicle", "modele",
                "vehicule", "produit", "article", "modell", "fahrzeug", "produkt", "artikel", "modelo", "vehiculo", "producto",
                "modello", "veicolo", "prodotto", "articolo"));
        HEADERS.put(Concept.MAKE, List.of("make", "brand", "manufacturer", "company", "marque", "constructeur", "fabricant", "marke",
                "hersteller", "marca", "fabricante", "produttore", "casa automobilistica"));
        HEADERS.put(Concept.PRICE, List.of("price", "amount", "total", "total amount", "sale price", "sales price", "selling price",
                "unit price", "revenue", "sales", "sales amount", "value", "net amount", "prix", "montant", "prix de vente", "prix unitaire",
                "chiffre d affaires", "ca", "total ttc", "montant ht", "preis", "betrag", "umsatz", "verkaufspreis", "einzelpreis",
                "gesamtbetrag", "precio", "importe", "monto", "precio de venta", "precio unitario", "ventas", "prezzo", "importo",
                "fatturato", "prezzo di vendita", "prezzo unitario", "valore"));
        HEADERS.put(Concept.QUANTITY, List.of("nb", "nbre", "nb vehicules", "vehicles", "cars", "quantity", "qty", "units", "unit count", "units sold", "count", "number of units", "volume",
                "registrations", "quantite", "qte", "nombre", "unites", "immatriculations", "menge", "anzahl", "stuck", "stueck",
                "zulassungen", "cantidad", "unidades", "matriculaciones", "quantita", "unita", "pezzi", "immatricolazioni"));
        HEADERS.put(Concept.DURATION, List.of("mois", "nb mois", "nombre de mois", "duration", "months", "term", "lease term", "rental months", "duration months",
                "rental duration", "contract months", "duree", "duree location mois", "duree location", "mois de location", "duree mois",
                "dauer", "laufzeit", "monate", "mietdauer", "duracion", "meses", "plazo", "durata", "mesi", "durata noleggio"));
        HEADERS.put(Concept.COST, List.of("cost", "unit cost", "purchase cost", "cost price", "cogs", "purchase price", "cout", "cout d achat",
                "prix d achat", "prix de revient", "kosten", "einkaufspreis", "einstandspreis", "coste", "costo", "precio de compra",
                "costo d acquisto", "prezzo d acquisto"));
        // the built-in layout's names
        for (var builtIn : Map.of(Concept.ID, "transaction id", Concept.CITY, "ville", Concept.MODEL, "modele", Concept.PRICE, "prix",
                Concept.DURATION, "duree location mois").entrySet()) {
            if (!HEADERS.get(builtIn.getKey()).contains(builtIn.getValue())) {
                throw new IllegalStateException("the built-in name " + builtIn.getValue() + " is missing");
            }
        }
    }

    /**
     * City headers that name a place of business rather than a place ({@code Dealer_Name}, {@code Store}): a city
     * header of their own ({@code Dealer_Region}) goes first.
     */
    private static final Set<String> BUSINESS = Set.of("dealer", "dealer name", "dealership", "store", "shop", "branch", "site", "outlet",
            "agency", "magasin", "agence", "concession", "concessionnaire", "succursale", "filiale", "niederlassung", "handler", "autohaus",
            "tienda", "sucursal", "concesionario", "negozio", "sede", "concessionario", "punto vendita");

    /** Headers that say "the figure" and nothing of what it counts: a unit column beside them tells ({@code UNIT: Number}). */
    static final Set<String> GENERIC_VALUE = Set.of("value", "valeur", "wert", "valor", "valore", "obs value", "observation value");
    /** Headers of a column that gives the unit of a {@link #GENERIC_VALUE} column. */
    static final Set<String> UNIT_HEADERS = Set.of("unit", "units", "unite", "unit of measure", "uom", "einheit", "unidad", "unita", "measure");
    /** Units that are counts (of cars, registrations, ...), not money. */
    static final Set<String> COUNT_UNITS = Set.of("number", "count", "units", "unit", "nombre", "nb", "anzahl", "stuck", "numero", "cantidad",
            "vehicles", "cars", "registrations", "immatriculations", "unites", "pieces");

    /** Words in a price header that say it is per unit: with a quantity, the row's amount is price x quantity. */
    static final Set<String> PER_UNIT = Set.of("unit price", "prix unitaire", "einzelpreis", "precio unitario", "prezzo unitario");

    static final Set<String> SALE = Set.of("sale", "sales", "sold", "sell", "purchase", "buy", "s", "v", "vente", "vendu", "achat",
            "verkauf", "kauf", "verkauft", "venta", "vendido", "compra", "vendita", "venduto", "acquisto");
    static final Set<String> RENTAL = Set.of("rental", "rent", "rented", "lease", "leasing", "leased", "hire", "r", "l", "location", "loue",
            "miete", "vermietung", "alquiler", "arrendamiento", "renting", "noleggio", "affitto", "locazione");

    private Synonyms() {
    }

    static String normalise(String header) {
        String s = Normalizer.normalize(header, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        return s.replaceAll("[^a-z0-9]+", " ").strip();
    }

    /** How well {@code header} names {@code concept}: 1 for a synonym, 0.7 for one among other words, 0 for none; and which. */
    static Match match(Concept concept, String header) {
        String h = normalise(header);
        String best = null;
        double score = 0;
        for (String synonym : HEADERS.get(concept)) {
            if (h.equals(synonym)) {
                return new Match(concept == Concept.CITY && BUSINESS.contains(synonym) ? 0.9 : 1, synonym);
            }
            if (synonym.length() > 2 && (" " + h + " ").contains(" " + synonym + " ") && score < 0.7) {
                score = 0.7;
                best = synonym;
            }
        }
        return new Match(score, best);
    }

    record Match(double score, String synonym) {
    }
}
