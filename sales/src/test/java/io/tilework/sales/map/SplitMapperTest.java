package io.tilework.sales.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tilework.sales.input.FileColumns;
import io.tilework.sales.schema.SchemaFile;
import io.tilework.sales.input.LineScanner;
import io.tilework.sales.input.Split;
import io.tilework.sales.input.Splits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the map step: each bad row rejected with its reason and line, good rows summed per city, month and model")
class SplitMapperTest {

    @TempDir
    Path dir;

    @Test
    void everyReason_andTheSums() throws Exception {
        String csv = """
                transaction_id,date,ville,type,modele,prix,duree_location_mois
                TX001,2024-01-15,Lyon,vente,BMW_X3,45000,NULL
                TX002,2024-01-16,Paris,location,Tesla_Model_3,800,12
                TX003,2024-02-30,Lyon,vente,BMW_X3,45000,NULL
                TX004,2024-01-15,Lyon,achat,BMW_X3,45000,NULL
                TX005,2024-01-15,Lyon,vente,BMW_X3,-5,NULL
                TX006,2024-01-15,Lyon,vente,BMW_X3,abc,NULL
                TX007,2024-01-15,Lyon,location,BMW_X3,900,
                TX008,2024-01-15,Lyon,vente,BMW_X3,45000,12
                TX009,2024-01-15,Lyon,location,BMW_X3,900,60
                TX010,2024-01-15,Lyon,vente,BMW_X3

                ,2024-01-15,Lyon,vente,BMW_X3,45000,NULL
                TX011,2024-03-01," lyón ",LOCATION,"Audi_Q5",1000.50,3
                """;
        Path file = Files.writeString(dir.resolve("s.csv"), csv.replace("\n", "\r\n"));
        var schema = SchemaFile.builtIn();
        var columns = FileColumns.find(schema, List.of(csv.lines().findFirst().orElseThrow().split(",")), file.toString());
        Split split = Splits.plan(List.of(file), Splits.DEFAULT_BYTES).get(0);
        Partial partial = new SplitMapper(split, schema, columns, LineScanner.DEFAULT_MAX_LINE_BYTES, dir, false).map();

        assertEquals(14, partial.lines);
        assertEquals(1, partial.headerLines);
        assertEquals(1, partial.blankLines);
        assertEquals(3, partial.accepted);
        assertEquals(9, partial.rejected);
        List<String> rejects = Files.readAllLines(partial.splits.get(0).rejectsFile());
        assertEquals(List.of(
                "4\tBAD_DATE", "5\tUNKNOWN_TYPE", "6\tNEGATIVE_PRICE", "7\tBAD_PRICE", "8\tRENTAL_WITHOUT_DURATION",
                "9\tDURATION_ON_SALE", "10\tBAD_DURATION", "11\tCOLUMN_COUNT", "13\tEMPTY_ID"),
                rejects.stream().map(l -> l.substring(0, l.indexOf('\t', l.indexOf('\t') + 1))).toList());
        assertEquals("4\tBAD_DATE\t\tTX003,2024-02-30,Lyon,vente,BMW_X3,45000,NULL", rejects.get(0), "no detail; the raw line, without CR");

        int january = (2024 - 1970) * 12;
        CityTotals lyon = partial.cities.get("Lyon");
        CityTotals paris = partial.cities.get("Paris");
        assertEquals(List.of("Lyon", "Paris"), List.copyOf(partial.cities.keySet()), "' lyón ' is Lyon");
        assertEquals(4_500_000, lyon.saleCents[january]);
        assertEquals(1, lyon.saleCount[january]);
        assertEquals(100_050L * 3, lyon.rentalBookedCents[january + 2]);
        for (int m = january + 2; m < january + 5; m++) {
            assertEquals(100_050, lyon.rentalRecognisedCents[m]);
        }
        assertEquals(0, lyon.rentalRecognisedCents[january + 5]);
        assertEquals(80_000L * 12, paris.rentalBookedCents[january]);
        assertEquals(80_000, paris.rentalRecognisedCents[january + 11]);
        assertEquals(3, lyon.models.get("Audi_Q5").rentalMonths);
        assertEquals(Map.of(" lyón ", 1L, "Lyon", 1L, "Paris", 1L), partial.spellings);
        assertEquals(3, partial.idRuns.get(0).entries());
        assertEquals(3L * IdRun.RECORD, Files.size(partial.idRuns.get(0).file()));
    }
}
