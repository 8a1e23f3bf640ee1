package io.tilework.app.sales;

import static io.tilework.app.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("tilework sales generate and report: the files, the summary, mapped columns and clear errors")
class SalesCommandTest {

    @TempDir
    Path dir;


    @Test
    void generateThenReport_writesEveryFile() throws Exception {
        Path csv = dir.resolve("tx.csv.gz");
        CommandRun generated = run("sales", "generate", "--rows", "20000", "--seed", "3", "--out", csv.toString());
        assertEquals(0, generated.exit(), generated.err());
        assertTrue(generated.out().contains("20000 rows"), generated.out());
        Path out = dir.resolve("report");
        CommandRun report = run("sales", "report", dir + "/*.csv.gz", "--out", out.toString(), "--quiet");
        assertEquals(0, report.exit(), report.err());
        assertTrue(report.out().startsWith("20000 rows read from 1 file(s): "), report.out());
        assertTrue(report.out().contains("5 cities, 2023-01 to 2024-12, revenue booked"), report.out());
        for (String file : List.of("report.json", "report.html", "cities.csv", "monthly_revenue.csv", "seasonality.csv",
                "top_models.csv", "rental_duration.csv", "city_names.csv", "rejects.csv")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        try (var left = Files.list(out)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".")), "no work or staging directory left");
        }
    }

    @Test
    void anotherDelimiterAndHeader_areMapped() throws Exception {
        Path csv = Files.writeString(dir.resolve("semi.csv"), """
                id;jour;ville;type;modele;montant;duree_location_mois
                A1;2024-01-05;Lyon;vente;BMW_X3;45000;NULL
                A2;2024-02-05;Paris;location;Audi_Q5;900;12
                """);
        Path out = dir.resolve("semi");
        CommandRun report = run("sales", "report", csv.toString(), "--out", out.toString(), "--quiet", "--delimiter", ";",
                "--column", "transaction_id=id", "--column", "date=jour", "--column", "prix=montant");
        assertEquals(0, report.exit(), report.err());
        assertTrue(report.out().startsWith("2 rows read from 1 file(s): 2 accepted, 0 rejected"), report.out());
        assertEquals(List.of("city,model,rentals,average_months", "Lyon,(all),0,", "Paris,(all),1,12", "Paris,Audi_Q5,1,12"),
                Files.readAllLines(out.resolve("rental_duration.csv")), "cities by rank: Lyon sold 45,000, Paris rented 10,800");
    }

    @Test
    void badInput_failsWithWhatAndWhere() throws Exception {
        CommandRun missing = run("sales", "report", dir.resolve("nope.csv").toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("nope.csv: no such file; check the path"), missing.err());

        Path csv = Files.writeString(dir.resolve("bad.csv"), "transaction_id,date,ville,type,modele,prix,duree_location_mois\n"
                + "T1,2024-01-05,Lyon,vente,BMW_X3,45000,NULL\nT2,2024-13-05,Lyon,vente,BMW_X3,45000,NULL\n");
        CommandRun tolerance = run("sales", "report", csv.toString(), "--out", dir.resolve("o").toString(), "--quiet");
        assertEquals(1, tolerance.exit());
        assertTrue(tolerance.err().contains("1 of 2 rows (50.00%) were rejected, more than the 5% tolerated"), tolerance.err());
        assertEquals(2, Files.readAllLines(dir.resolve("o/rejects.csv")).size(), "the rejects are written");
        assertFalse(Files.exists(dir.resolve("o/report.json")), "no report");

        CommandRun strict = run("sales", "report", csv.toString(), "--out", dir.resolve("o").toString(), "--quiet", "--strict");
        assertEquals(1, strict.exit());
        assertTrue(strict.err().contains("bad.csv:3: bad date"), strict.err());

        CommandRun recognition = run("sales", "report", csv.toString(), "--out", dir.resolve("o").toString(), "--recognition", "yearly");
        assertEquals(2, recognition.exit(), "a wrong option value is a wrong command line");
        assertTrue(recognition.err().contains("--recognition is booked or monthly, not 'yearly'"), recognition.err());
    }
}
