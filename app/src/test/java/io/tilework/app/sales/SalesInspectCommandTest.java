package io.tilework.app.sales;

import static io.tilework.app.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.CommandRun;
import io.tilework.sales.generate.SalesGenerator;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("tilework sales inspect: what a file holds, the schema it proposes, exit 1 without a date")
class SalesInspectCommandTest {

    @TempDir
    Path dir;

    @Test
    void dealerExport_printsAndWritesTheSchema() throws Exception {
        Path csv = Files.writeString(dir.resolve("dealer.csv"), """
                Car_id,Date,Customer Name,Gender,Annual Income,Dealer_Name,Company,Model,Engine,Transmission,Color,Price ($),Dealer_No ,Body Style,Phone,Dealer_Region
                C_CND_000001,1/2/2022,Geraldine,Male,13500,Buddy Storbeck's Diesel Service Inc,Ford,Expedition,Double Overhead Camshaft,Auto,Black,26000,06457-3834,SUV,8264678,Middletown
                C_CND_000002,1/2/2022,Gia,Male,1480000,C & M Motors Inc,Dodge,Durango,Double Overhead Camshaft,Auto,Black,19000,60504-7114,SUV,6848189,Aurora
                C_CND_000003,1/2/2022,Gianna,Male,1035000,Capitol KIA,Cadillac,Eldorado,Overhead Camshaft,Manual,Red,31500,38701-8047,Passenger,7298798,Greenville
                C_CND_000004,1/2/2022,Giselle,Male,13500,Chrysler of Tri-Cities,Toyota,Celica,Overhead Camshaft,Manual,Pale White,14000,99301-3882,SUV,6257557,Pasco
                C_CND_000005,1/2/2022,Grace,Male,1465000,Chrysler Plymouth,Acura,TL,Double Overhead Camshaft,Auto,Red,24500,53546-9427,Hatchback,7081483,Janesville
                C_CND_000006,1/2/2022,Guadalupe,Male,850000,Classic Chevy,Mitsubishi,Diamante,Overhead Camshaft,Manual,Pale White,12000,85257-3102,Hatchback,7315216,Scottsdale
                C_CND_000007,1/2/2022,Hailey,Male,1600000,Clay Johnson Auto Sales,Toyota,Corolla,Overhead Camshaft,Manual,Pale White,14000,78758-7841,Passenger,7727879,Austin
                C_CND_000008,1/2/2022,Graham,Male,13500,U-Haul CO,Mitsubishi,Galant,Double Overhead Camshaft,Auto,Pale White,42000,78758-7841,Passenger,6206512,Austin
                C_CND_000009,1/2/2022,Naomi,Male,815000,Rabun Used Car Sales,Chevrolet,Malibu,Overhead Camshaft,Manual,Pale White,82000,85257-3102,Hardtop,7194857,Pasco
                C_CND_000010,1/2/2022,Grayson,Female,13500,Rabun Used Car Sales,Ford,Escort,Double Overhead Camshaft,Auto,Pale White,15000,85257-3102,Passenger,7836892,Scottsdale
                C_CND_000011,1/3/2022,Gregory,Male,13500,Race Car Help,Acura,RL,Double Overhead Camshaft,Auto,Black,31000,78758-7841,Passenger,7955480,Austin
                C_CND_000012,1/3/2022,Hannah,Female,13500,Saab-Belle Dodge,Ford,Taurus,Overhead Camshaft,Manual,Red,46000,60504-7114,Sedan,6066488,Aurora
                C_CND_000013,12/31/2023,Hannah,Male,13500,Scrivener Performance Engineering,Ford,Taurus,Overhead Camshaft,Manual,Red,46000,60504-7114,Sedan,6066488,Janesville
                """);
        Path schema = dir.resolve("dealer.yaml");
        CommandRun inspect = run("sales", "inspect", csv.toString(), "--out", schema.toString());
        assertEquals(0, inspect.exit(), inspect.err());
        String out = inspect.out();
        assertTrue(out.contains("read whole, 13 rows"), out);
        assertTrue(out.contains("date MM/dd/yyyy | M/d/yyyy (month/day: a second part over 12)"), "12/31/2023 decides it\n" + out);
        assertTrue(out.contains("wrote " + schema), out);
        String yaml = Files.readString(schema);
        for (String line : List.of("schema: dealer ", "  delimiter: \",\"", "dates: [\"MM/dd/yyyy\", \"M/d/yyyy\"]", "  id: {column: Car_id} ",
                "  date: {column: Date} ", "  city: {column: Dealer_Region, normalise: [trim, case, accents]} ", "  make: {column: Company} ",
                "  model: {column: Model} ", "  price: {column: Price ($)} ", "  # type: absent: every row is a sale",
                "  gender: {column: Gender, normalise: [trim, case]} ", "  body style: {column: Body Style, normalise: [trim, case]} ")) {
            assertTrue(yaml.contains(line), line + " in\n" + yaml);
        }
        assertFalse(yaml.contains("customer name"), "12 names in 13 rows is no breakdown\n" + yaml);

        CommandRun report = run("sales", "report", csv.toString(), "--schema", schema.toString(), "--out", dir.resolve("report").toString(),
                "--quiet");
        assertEquals(0, report.exit(), report.err());
        assertTrue(report.out().startsWith("13 rows read from 1 file(s): 13 accepted, 0 rejected"), "the schema reads the file\n" + report.out());
    }

    @Test
    void noDate_exits1_namingWhatIsMissing_theSchemaStillWritten() throws Exception {
        Path csv = Files.writeString(dir.resolve("nodate.csv"), "Customer;City;Amount\nA;Lyon;12,50\nB;Paris;13,00\nC;Lyon;9,99\nD;Lyon;1,00\n");
        Path schema = dir.resolve("nodate.yaml");
        CommandRun inspect = run("sales", "inspect", csv.toString(), "--out", schema.toString());
        assertEquals(1, inspect.exit(), inspect.out() + inspect.err());
        assertTrue(inspect.err().contains("nodate.csv: no column holds dates or months, and the report needs one (date or month)"), inspect.err());
        assertTrue(inspect.out().contains("wrote " + schema + " (with the date left for you to name)"), inspect.out());
        assertTrue(Files.readString(schema).contains("  # date: {column: ...}    # REQUIRED, not found"), Files.readString(schema));
    }

    @Test
    void aGigabyteFile_isAnsweredFromItsSample_withoutReadingPastIt() throws Exception {
        Path csv = dir.resolve("big.csv");
        SalesGenerator.write(csv, new SalesGenerator.Options(20_000, 5, 0), (line, reason) -> { });
        long head = Files.size(csv);
        try (var file = new RandomAccessFile(csv.toFile(), "rw")) {
            file.setLength(1L << 30); // sparse: NUL bytes from the end of the rows on, which reading them would find
        }
        // In a JVM of its own, as a user runs it (what it prints must reach the terminal without --out); its speed is
        // bench/sales.sh's to measure, not a test's.
        var inspect = io.tilework.app.ChildTilework.run(dir.resolve("logs"), "inspect-big", "sales", "inspect", csv.toString());
        assertEquals(0, inspect.exit(), inspect.err());
        assertTrue(inspect.out().contains("1,073,741,824 bytes; sampled 10,000 rows"), inspect.out());
        assertTrue(inspect.out().contains("proposed mapping"), inspect.out());
        assertTrue(head > 1 << 20, "the sample is not the whole head: " + head);

        CommandRun full = run("sales", "inspect", csv.toString(), "--full", "--sample-rows", "5");
        assertEquals(1, full.exit(), "--full reads on into the NUL bytes\n" + full.out() + full.err());
        assertTrue(full.err().contains("big.csv: not CSV text: it holds a NUL byte at byte " + head), full.err());
    }

    @Test
    void badOptionsAndFiles_failWithWhatAndWhere() throws Exception {
        CommandRun rows = run("sales", "inspect", "x.csv", "--sample-rows", "0");
        assertEquals(2, rows.exit(), rows.err());
        assertTrue(rows.err().contains("--sample-rows must be at least 1, not 0"), rows.err());
        CommandRun empty = run("sales", "inspect", Files.writeString(dir.resolve("empty.csv"), "\n\n").toString());
        assertEquals(1, empty.exit(), empty.err());
        assertTrue(empty.err().contains("empty.csv: the file holds only blank lines: there is nothing to inspect"), empty.err());
        CommandRun zip = run("sales", "inspect", Files.write(dir.resolve("book.csv"), new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0}).toString());
        assertEquals(1, zip.exit(), zip.err());
        assertTrue(zip.err().contains("book.csv: not CSV text: it looks like a zip archive (an .xlsx or .ods workbook is one)"), zip.err());
        CommandRun missing = run("sales", "inspect", dir.resolve("nope.csv").toString());
        assertEquals(1, missing.exit(), missing.err());
        assertTrue(missing.err().contains("nope.csv: no such file"), missing.err());
    }
}
