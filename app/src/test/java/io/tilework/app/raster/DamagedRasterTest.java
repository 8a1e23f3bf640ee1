package io.tilework.app.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.app.ChildTilework;
import io.tilework.app.CommandRun;
import io.tilework.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27, case 5: a damaged GeoTIFF gets one line naming the file and the block that cannot be
 * read ("FILE is damaged or truncated: the block at column C, row R of band B cannot be read",
 * then the reason), from {@code tilework raster} and {@code tilework info}; no internal key, no
 * libtiff sentinel. Real files, cut or changed inside a block the test finds in the file's own
 * index ({@link TiffIndex}, read without GDAL).
 */
@DisplayName("a damaged GeoTIFF: one line naming the file and the block that cannot be read")
class DamagedRasterTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("tiled, cut inside a block: raster slope and info name that block")
    void truncatedTiled_namesTheBlock() throws IOException {
        Path source = TestData.raster("srtm_bigtujunga30m_utm11.tif"); // 128 x 128 tiles, uncompressed
        TiffIndex index = TiffIndex.of(source);
        int block = 23;
        Path damaged = cut(source, index.offsets()[block] + index.byteCounts()[block] / 2);
        String expected = damaged + " is damaged or truncated: the block at column " + index.column(block) + ", row "
                + index.row(block) + " of band 1 cannot be read";

        assertOneLine(expected, CommandRun.run("raster", "slope", damaged.toString(), dir.resolve("slope.tif").toString(), "--quiet"));
        assertOneLine(expected, CommandRun.run("info", damaged.toString()));
        assertFalse(Files.exists(dir.resolve("slope.tif")), "no output from a damaged input");
    }

    @Test
    @DisplayName("striped, cut inside a strip: the strip is the block in column 0 of its row")
    void truncatedStrips_namesTheStrip() throws IOException {
        Path source = TestData.raster("olinda_dem_utm25s.tif"); // Float32 strips of 18 rows, uncompressed
        TiffIndex index = TiffIndex.of(source);
        int strip = 4;
        Path damaged = cut(source, index.offsets()[strip] + 10);
        String expected = damaged + " is damaged or truncated: the block at column 0, row 4 of band 1 cannot be read";

        assertOneLine(expected, CommandRun.run("raster", "aspect", damaged.toString(), dir.resolve("aspect.tif").toString(), "--quiet"));
        assertOneLine(expected, CommandRun.run("info", "--json", damaged.toString()));
    }

    @Test
    @DisplayName("six pixel-interleaved bands, cut: the block is named in band 1, which holds every band's pixels")
    void truncatedInterleaved_namesBandOne() throws IOException {
        Path source = TestData.raster("L7_ETMs.tif"); // DEFLATE strips of 3 rows, 6 bands interleaved
        TiffIndex index = TiffIndex.of(source);
        int strip = 60;
        Path damaged = cut(source, index.offsets()[strip] + 1);
        assertOneLine(damaged + " is damaged or truncated: the block at column 0, row 60 of band 1 cannot be read",
                CommandRun.run("info", damaged.toString()));
    }

    @Test
    @DisplayName("cut before its directory, which the file keeps at its end: GDAL recognises a GeoTIFF it cannot open")
    void truncatedBeforeItsDirectory_saysSo() throws IOException {
        Path source = TestData.raster("SRTM_f03_n053e008.tif"); // its image directory is in its last 222 bytes
        Path damaged = cut(source, Files.size(source) / 2);
        String expected = damaged + " is damaged or truncated: GDAL recognises a GeoTIFF but cannot open it (GDAL: ";

        CommandRun slope = CommandRun.run("raster", "slope", damaged.toString(), dir.resolve("slope.tif").toString(), "--quiet");
        assertOneLine(expected, slope);
        assertFalse(slope.err().contains("TIFFFetchDirectory") || slope.err().indexOf(damaged.toString()) != slope.err().lastIndexOf(damaged.toString()),
                "GDAL's reason without libtiff's function names and the file named again: " + slope.err());
        assertOneLine(expected, CommandRun.run("info", damaged.toString()));
    }

    @Test
    @DisplayName("bytes changed inside an LZW tile: raster slope names the tile with GDAL's reason; info, which decodes no pixel, reports the file")
    void changedCompressedBlock_slopeNamesTheBlockWithGdalsReason() throws IOException {
        Path source = TestData.raster("lf_elev_220_mt_hood_utm.tif"); // 256 x 256 tiles, LZW
        TiffIndex index = TiffIndex.of(source);
        int block = 5;
        byte[] bytes = Files.readAllBytes(source);
        int middle = (int) (index.offsets()[block] + index.byteCounts()[block] / 2);
        for (int i = middle; i < middle + 16; i++) {
            bytes[i] ^= (byte) 0xFF;
        }
        Path damaged = Files.write(dir.resolve("changed.tif"), bytes);

        CommandRun slope = CommandRun.run("raster", "slope", damaged.toString(), dir.resolve("slope.tif").toString(), "--quiet");
        assertOneLine(damaged + " is damaged or truncated: the block at column " + index.column(block) + ", row " + index.row(block)
                + " of band 1 cannot be read (GDAL: ", slope);
        String reason = slope.err().substring(slope.err().indexOf("(GDAL: ") + 7);
        assertTrue(reason.length() > 10 && !reason.startsWith(damaged.toString()) && !reason.contains("IReadBlock"),
                "GDAL's reason, without the file name and the block GDAL names in its own terms: " + reason);

        CommandRun info = CommandRun.run("info", damaged.toString());
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.out().contains("1013 x 799 pixels"), info.out());
    }

    @Test
    @DisplayName("in a process of its own, as a user runs it: GDAL's warnings about a damaged file do not come before the one line")
    void gdalWarnings_heldBackWhenTheFileIsDamaged_shownOnceWhenItIsUsable() throws Exception {
        byte[] bytes = Files.readAllBytes(TestData.raster("storml_elev.tif")); // little-endian, directory at byte 8
        int entries = 8 + 2;
        byte[] first = Arrays.copyOfRange(bytes, entries, entries + 12);
        System.arraycopy(bytes, entries + 12, bytes, entries, 12); // the first two tags swapped: GDAL warns that they are not sorted
        System.arraycopy(first, 0, bytes, entries + 12, 12);
        Path unsorted = Files.write(dir.resolve("unsorted.tif"), bytes);
        Path damaged = Files.write(dir.resolve("unsorted-cut.tif"), Arrays.copyOf(bytes, 3000));
        Path logs = dir.resolve("logs");

        for (String[] args : new String[][] {{"info", damaged.toString()},
                {"raster", "slope", damaged.toString(), dir.resolve("slope.tif").toString(), "--quiet"}}) {
            var run = ChildTilework.run(logs, args[0], args);
            assertEquals(1, run.exit(), run.err());
            assertEquals(1, run.err().lines().filter(line -> !line.isBlank()).count(), "one line, no GDAL warning before it:\n" + run.err());
            assertTrue(run.err().startsWith("tilework: " + damaged + " is damaged or truncated: the block at column 0, row 0 of band 1"), run.err());
        }
        var usable = ChildTilework.run(logs, "usable", "info", unsorted.toString());
        assertEquals(0, usable.exit(), usable.err());
        List<String> warnings = usable.err().lines().filter(line -> line.contains("WARN")).toList();
        assertTrue(!warnings.isEmpty() && warnings.stream().allMatch(line -> line.contains("not sorted")), "GDAL's warning shown: " + usable.err());
        assertEquals(warnings.size(), warnings.stream().distinct().count(), "each warning once: " + usable.err());
    }

    /** {@code source}'s first {@code length} bytes, as a copy or a download cut short leaves them. */
    private Path cut(Path source, long length) throws IOException {
        return Files.write(dir.resolve("cut-" + source.getFileName()), Arrays.copyOf(Files.readAllBytes(source), Math.toIntExact(length)));
    }

    private static void assertOneLine(String expectedStart, CommandRun run) {
        assertEquals(1, run.exit(), "exit 1 for a damaged input: " + run.err() + run.out());
        String[] lines = run.err().lines().filter(line -> !line.isBlank()).toArray(String[]::new);
        assertEquals(1, lines.length, "one line: " + run.err());
        String line = lines[0];
        assertTrue(line.startsWith("tilework: " + expectedStart), "expected 'tilework: " + expectedStart + "...', got: " + line);
        assertTrue(line.endsWith("; replace it with a whole copy"), "says what to do: " + line);
        for (String internal : new String[] {"4294967295", "raster.file", "-1,", "@1[", "GDALDatasetRasterIOEx", "Window"}) {
            assertFalse(line.contains(internal), "'" + internal + "' in: " + line);
        }
    }
}
