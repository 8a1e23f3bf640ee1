package io.tilework.charts.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.charts.failure.CellUnreadable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile ISO 8211 files written here field by field: whatever they say, they get a CellUnreadable naming them. */
@DisplayName("ISO 8211: hostile formats and records")
class Iso8211Test {

    private static final char UT = 0x1f;
    private static final char FT = 0x1e;

    @TempDir
    Path temp;

    @Test
    @DisplayName("a DSSI format nested 30,000 parentheses deep (a 60 KB field description) is not decoded: 'DSSI is missing', no stack overflow")
    void deeplyNestedFormat() throws IOException {
        String nested = "(".repeat(30_000) + "3b11,8b14" + ")".repeat(30_000);
        Path cell = write("NESTED.000", Map.of("DSID", "1600;&   Data set identification field" + UT + "RCNM!RCID" + UT + "(b11,b14)" + FT,
                        "DSSI", "1600;&   Data set structure information field" + UT + "DSTR!AALL!NALL!NOMR!NOCR!NOGR!NOLR!NOIN!NOCN!NOED!NOFA"
                                + UT + nested + FT),
                Map.of("DSID", "\n\1\0\0\0" + FT, "DSSI", "\2\1\1" + "\0".repeat(32) + FT));
        var failure = assertThrows(CellUnreadable.class, () -> DataSetStructure.read(cell));
        assertTrue(failure.getMessage().contains("NESTED.000 is truncated or damaged: its data set structure information (DSSI) is missing"),
                failure.getMessage());
    }

    @Test
    @DisplayName("the same file with a plain DSSI format reads: 0 of 0 records announced, 0 found")
    void plainFormat_reads() throws IOException {
        Path cell = write("PLAIN.000", Map.of("DSID", "1600;&   Data set identification field" + UT + "RCNM!RCID" + UT + "(b11,b14)" + FT,
                        "DSSI", "1600;&   Data set structure information field" + UT + "DSTR!AALL!NALL!NOMR!NOCR!NOGR!NOLR!NOIN!NOCN!NOED!NOFA"
                                + UT + "(3b11,8b14)" + FT),
                Map.of("DSID", "\n\1\0\0\0" + FT, "DSSI", "\2\1\1" + "\0".repeat(32) + FT));
        DataSetStructure structure = DataSetStructure.read(cell);
        assertEquals(0, structure.features() + structure.vectors());
    }

    @Test
    @DisplayName("an exchange-set catalogue that lists a path holding a NUL byte: a problem naming CATALOG.031, not an exception")
    void catalogueListsAnImpossiblePath() throws IOException {
        write("CATALOG.031", Map.of("CATD", "1600;&   Catalog Directory field" + UT + "RCNM!RCID!FILE" + UT + "(A(2),I(10),A)" + FT),
                Map.of("CATD", "CD0000000001ENC\0DIR\\AA5C1AB1.000" + UT + FT));
        EncDirectory.Listing listing = EncDirectory.scan(temp);
        assertEquals(1, listing.problems().size(), listing.problems().toString());
        String message = listing.problems().getFirst().message();
        assertTrue(message.contains("CATALOG.031 lists ENC\\x00DIR/AA5C1AB1.000, which is not a path"), message);
    }

    /** A file of two records: the field descriptions, then one data record. */
    private Path write(String name, Map<String, String> descriptions, Map<String, String> data) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var withRecordIdentifier = new java.util.TreeMap<>(descriptions);
        withRecordIdentifier.put("0001", "0100;&   ISO 8211 Record Identifier" + UT + UT + "(I(5))" + FT);
        bytes.writeBytes(record('L', withRecordIdentifier));
        bytes.writeBytes(record('D', new java.util.TreeMap<>(data)));
        Path file = temp.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /** One record: leader (field length and position in 5 digits, tags of 4), directory, fields. */
    private static byte[] record(char kind, Map<String, String> fields) {
        var directory = new StringBuilder();
        var area = new StringBuilder();
        for (var field : fields.entrySet()) {
            directory.append(field.getKey()).append(String.format("%05d%05d", field.getValue().length(), area.length()));
            area.append(field.getValue());
        }
        directory.append(FT);
        int fieldArea = 24 + directory.length();
        int length = fieldArea + area.length();
        String leader = String.format("%05d3%cE1 09%05d ! 5504", length, kind, fieldArea);
        return (leader + directory + area).getBytes(StandardCharsets.ISO_8859_1);
    }
}
