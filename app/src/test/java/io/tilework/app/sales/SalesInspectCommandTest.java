package io.tilework.app.sales;

import static io.tilework.app.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Files.writeString(Path.of("/tmp/insp/out.txt"), inspect.out() + "\n---\n" + inspect.err() + "\n---\n" + Files.readString(schema));
        assertEquals(0, inspect.exit(), inspect.err());
    }
}
