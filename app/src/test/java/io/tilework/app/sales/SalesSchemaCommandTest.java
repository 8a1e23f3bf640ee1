package io.tilework.app.sales;

import static io.tilework.app.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.CommandRun;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("tilework sales report --schema: a dealer's own export read through a schema file, overrides, and schema mistakes")
class SalesSchemaCommandTest {

    @TempDir
    Path dir;

    private static final String SCHEMA = """
            # a dealer's export
            schema: dealer
            dialect: {encoding: windows-1252, delimiter: ";", skip: 1, nulls: ["", "NA"]}
            numbers: {decimal: ",", thousands: " ", currency: ["€"]}
            dates: ["dd/MM/yyyy"]
            concepts:
              id: {column: Invoice}
              date: {column: Date}
              city: {column: Region, normalise: [trim, case, accents]}
              type: {column: Kind, sale: [S], rental: [R]}
              model: {column: Model}
              price: {column: Amount}
              duration: {column: Months}
            """;

    private Path export() throws Exception {
        String text = "Dealer export, December\r\n"
                + "Invoice;Date;Region;Kind;Model;Amount;Months\r\n"
                + "F1;05/01/2024;Besançon;S;Mégane;45 000,00 €;NA\r\n"
                + "F2;05/02/2024;BESANCON;R;Clio;900,50 €;12\r\n"
                + "F3;07/02/2024;Lyon;S;Clio;19 999,99 €;\r\n";
        return Files.write(dir.resolve("dealer.csv"), text.getBytes(Charset.forName("windows-1252")));
    }

    @Test
    void aDealersExport_isReadThroughItsSchema() throws Exception {
        Path csv = export();
        Path schema = Files.writeString(dir.resolve("dealer.yaml"), SCHEMA);
        Path out = dir.resolve("report");
        CommandRun report = run("sales", "report", csv.toString(), "--schema", schema.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, report.exit(), report.err());
        assertTrue(report.out().startsWith("3 rows read from 1 file(s): 3 accepted, 0 rejected"), report.out());
        assertTrue(report.out().contains("2 cities, 2024-01 to 2024-02"), report.out());
        // Besançon: 45,000.00 sold and 900.50 x 12 rented; Lyon: 19,999.99 sold (the rows above, added by hand)
        List<String> cities = Files.readAllLines(out.resolve("rental_duration.csv"));
        assertTrue(cities.contains("Besancon,(all),1,12"), cities.toString());

        // --column over the schema: the city from another column
        Path renamed = Files.writeString(dir.resolve("renamed.yaml"), SCHEMA.replace("Region", "Area"));
        CommandRun overridden = run("sales", "report", csv.toString(), "--schema", renamed.toString(), "--column", "city=Region",
                "--out", dir.resolve("o2").toString(), "--quiet");
        assertEquals(0, overridden.exit(), overridden.err());

        CommandRun builtin = run("sales", "report", csv.toString(), "--schema", "builtin", "--out", dir.resolve("o3").toString(), "--quiet");
        assertEquals(1, builtin.exit());
        assertTrue(builtin.err().contains("not UTF-8 CSV text"), builtin.err()); // our layout is UTF-8: the é of Mégane is not
    }

    @Test
    void schemaMistakes_nameTheFileAndLine() throws Exception {
        Path csv = export();
        Path typo = Files.writeString(dir.resolve("typo.yaml"), SCHEMA.replace("  model:", "  modle:"));
        CommandRun bad = run("sales", "report", csv.toString(), "--schema", typo.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("typo.yaml:11: unknown key 'modle' under concepts; expected id, date, month"), bad.err());

        Path other = Files.writeString(dir.resolve("other.yaml"), SCHEMA.replace("column: Model", "column: Vehicle"));
        CommandRun missing = run("sales", "report", csv.toString(), "--schema", other.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("dealer.csv: the header [Invoice, Date, Region, Kind, Model, Amount, Months] has no column "
                + "Vehicle (model, " + other + " line 11)"), missing.err());

        CommandRun nofile = run("sales", "report", csv.toString(), "--schema", dir.resolve("none.yaml").toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(1, nofile.exit());
        assertTrue(nofile.err().contains("none.yaml: no such schema file"), nofile.err());

        CommandRun concept = run("sales", "report", csv.toString(), "--column", "colour=C", "--out", dir.resolve("o").toString());
        assertEquals(2, concept.exit(), "a wrong option value is a wrong command line");
        assertTrue(concept.err().contains("unknown column 'colour' for --column CONCEPT=HEADER"), concept.err());
    }
}
