package io.tilework.charts.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.charts.ChartCells;
import io.tilework.charts.failure.CellUnreadable;
import io.tilework.gdal.vector.Feature;
import io.tilework.gdal.vector.Layer;
import io.tilework.gdal.vector.VectorDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27, case 1: GDAL opens a cut or damaged S-57 cell without a word, so the cell is checked
 * against its own counts (its data set structure record, DSSI) and fails by name.
 */
@DisplayName("a truncated or damaged S-57 cell fails by name, with what was read of what it announces")
class DamagedCellTest {

    private static final Pattern READ_OF = Pattern.compile("read ([\\d,]+) of ([\\d,]+) feature records");

    @TempDir
    Path temp;

    @Test
    @DisplayName("US5MA12M cut to half its bytes: 'truncated or damaged: read R of N feature records', N as GDAL reads the whole cell")
    void halfTheBytes() throws IOException {
        CellFiles intact = ChartCells.cell("US5MA12M");
        long announced = featureRecordsReadByGdal(intact.baseFile());
        byte[] bytes = Files.readAllBytes(intact.baseFile());
        CellFiles half = copy(intact, Arrays.copyOf(bytes, bytes.length / 2));

        var failure = assertThrows(CellUnreadable.class, () -> CellInfo.read(half));
        String message = failure.getMessage();
        assertTrue(message.contains("US5MA12M.000 is truncated or damaged: read "), message);
        Matcher counts = READ_OF.matcher(message);
        assertTrue(counts.find(), message);
        assertEquals(String.format(Locale.ROOT, "%,d", announced), counts.group(2), message);
        assertTrue(Long.parseLong(counts.group(1).replace(",", "")) < announced, message);
        String afterThePath = message.substring(message.indexOf("US5MA12M.000"));
        assertFalse(afterThePath.contains("-1") || afterThePath.contains("2147483647"), "no sentinel: " + message);
    }

    @Test
    @DisplayName("AA5C1MNS cut after each of its ISO 8211 records but the last: every cut fails the cell by name; the whole cell reads")
    void cutAtEveryRecordBoundary() throws IOException {
        CellFiles intact = ChartCells.cell("AA5C1MNS");
        byte[] bytes = Files.readAllBytes(intact.baseFile());
        int[] ends = recordEnds(bytes);
        assertEquals(bytes.length, ends[ends.length - 1], "the shared cell is whole");
        assertTrue(CellInfo.read(copy(intact, bytes)).features() > 0, "the whole cell reads");
        for (int i = 0; i < ends.length - 1; i++) {
            CellFiles cut = copy(intact, Arrays.copyOf(bytes, ends[i]));
            var failure = assertThrows(CellUnreadable.class, () -> CellInfo.read(cut), "cut after record " + i);
            String message = failure.getMessage();
            assertTrue(message.contains("AA5C1MNS.000 is truncated or damaged"), "cut after record " + i + ": " + message);
        }
    }

    @Test
    @DisplayName("a feature record whose fields are out of order, which GDAL skips without a word: 'GDAL read 17 of 18 feature records'")
    void recordGdalSkipsSilently() throws IOException {
        CellFiles intact = ChartCells.cell("AA5C1MNS");
        byte[] bytes = Files.readAllBytes(intact.baseFile());
        long announced = featureRecordsReadByGdal(intact.baseFile());
        byte[] swapped = swapFirstTwoFields(bytes, 3);
        CellFiles damaged = copy(intact, swapped);
        assertEquals(announced - 1, featureRecordsReadByGdal(damaged.baseFile()), "GDAL leaves the record out");

        var failure = assertThrows(CellUnreadable.class, () -> CellInfo.read(damaged));
        assertTrue(failure.getMessage().contains("AA5C1MNS.000 is truncated or damaged: GDAL read " + (announced - 1) + " of "
                + announced + " feature records"), failure.getMessage());
    }

    /** The base file replaced by {@code bytes}, in a folder of its own. */
    private CellFiles copy(CellFiles cell, byte[] bytes) throws IOException {
        Path folder = Files.createTempDirectory(temp, cell.name());
        Path base = folder.resolve(cell.baseFile().getFileName());
        Files.write(base, bytes);
        return new CellFiles(cell.name(), base, List.of());
    }

    /** Feature records as GDAL reads them (default options): one per run of features with the same RCID, DSID left out. */
    private static long featureRecordsReadByGdal(Path cell) {
        long records = 0;
        try (VectorDataset dataset = VectorDataset.open(cell)) {
            for (Layer layer : dataset.layers()) {
                if (layer.name().equals("DSID")) {
                    continue;
                }
                Object previous = null;
                try (Stream<Feature> features = layer.features()) {
                    for (Feature feature : (Iterable<Feature>) features::iterator) {
                        Object rcid = feature.get("RCID");
                        if (rcid == null || !Objects.equals(rcid, previous)) {
                            records++;
                        }
                        previous = rcid;
                    }
                }
            }
        }
        return records;
    }

    /** Where each ISO 8211 record ends: its leader starts with its length in five digits. */
    private static int[] recordEnds(byte[] bytes) {
        var ends = new ArrayList<Integer>();
        int at = 0;
        while (at + 24 <= bytes.length) {
            at += Integer.parseInt(new String(bytes, at, 5, StandardCharsets.US_ASCII));
            ends.add(at);
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The cell with the directory entries of the first two fields after the record identifier
     * swapped in its {@code n}th feature record (FRID first, then FOID): ISO 8211 still reads it.
     */
    private static byte[] swapFirstTwoFields(byte[] bytes, int n) {
        byte[] out = bytes.clone();
        int found = 0;
        int[] ends = recordEnds(bytes);
        for (int i = 0; i < ends.length - 1; i++) {
            int at = ends[i]; // data records only: the first record describes the fields
            int entry = (out[at + 20] - '0') + (out[at + 21] - '0') + (out[at + 23] - '0');
            int first = at + 24 + entry;
            if (new String(out, first, 4, StandardCharsets.US_ASCII).equals("FRID") && ++found == n) {
                byte[] frid = Arrays.copyOfRange(out, first, first + entry);
                System.arraycopy(out, first + entry, out, first, entry);
                System.arraycopy(frid, 0, out, first + entry, entry);
                return out;
            }
        }
        throw new IllegalStateException("fewer than " + n + " feature records");
    }
}
