package io.tilework.raster;

import io.tilework.gdal.GdalException;
import io.tilework.gdal.raster.BandInfo;
import io.tilework.gdal.raster.DataType;
import io.tilework.gdal.raster.RasterDataset;
import io.tilework.gdal.raster.StoredBlock;
import io.tilework.gdal.raster.Window;
import io.tilework.raster.failure.RasterFileDamaged;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a raster file is damaged, said so that a person can act on it: which file, which block of
 * which band, and why ({@link RasterFileDamaged}).
 *
 * <p>A file rarely says it is damaged. GDAL opens a GeoTIFF cut in half without a word (its
 * header is at the start), and fails only when a read reaches a missing block, in libtiff's words
 * ("Read error at row 4294967295": the row it had not yet set). So there are three checks:
 * <ul>
 *   <li>{@link #whenOpenFails} tells a file whose header is damaged (GDAL recognises the format
 *       but cannot open it: a GeoTIFF whose directory was at its end, cut off) from a file of
 *       another kind.
 *   <li>{@link #checkBlocks} reads a GeoTIFF's block index, not its pixels, when the file is
 *       opened, and refuses a block that lies past the end of the file (a truncated file) or an
 *       index larger than the file could hold (a damaged header). It costs one index lookup per
 *       block.
 *   <li>{@link #locate}, after a read failed, reads the window's blocks one at a time and names
 *       the first that fails (a compressed block whose bytes were changed, in any format GDAL
 *       reads), with GDAL's reason stripped of the file name and of libtiff's unset positions.
 * </ul>
 * Bytes changed inside an uncompressed block cannot be found: nothing in the file says what they
 * were, so they are read as the pixels they now are.
 */
public final class FileDamage {

    /** libtiff's positions it had not set yet when it failed: "at row 4294967295, col 4294967295". */
    private static final Pattern UNSET_PLACE = Pattern.compile(
            "\\s*\\bat (?:row|col|column|scanline|line|strip|tile) (?:4294967295|-1)"
                    + "(?:,\\s*(?:row|col|column|scanline|line|strip|tile) (?:4294967295|-1))*");
    private static final Pattern SENTINEL = Pattern.compile("\\b(?:4294967295|18446744073709551615)\\b");
    /** libtiff names the function that failed before its message: "TIFFReadEncodedTile:Read error". */
    private static final Pattern TIFF_FUNCTION = Pattern.compile("^_?TIFF\\w*:\\s*");
    /** A message that only says a call failed, which another message explains. */
    private static final Pattern ONLY_FAILED = Pattern.compile("^\\w+\\(\\) failed\\.?$");
    private static final String READ_BLOCK = "IReadBlock failed at";

    private FileDamage() {
    }

    /**
     * Checks that every block a GeoTIFF's index lists lies inside the file, without reading a
     * pixel; other formats pass unchecked (their damage is found when a read fails).
     *
     * @throws RasterFileDamaged naming the first block (by band, then row, then column) past the
     *                           end of the file, or an index bigger than the file
     */
    public static void checkBlocks(RasterDataset dataset, Path file) {
        if (dataset.bandCount() == 0 || !"GTiff".equals(dataset.driverName())) {
            return;
        }
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        BandInfo first = dataset.band(1);
        int blockWidth = first.blockWidth();
        int blockHeight = first.blockHeight();
        if (blockWidth <= 0 || blockHeight <= 0) {
            return;
        }
        long columns = Math.ceilDiv((long) dataset.width(), blockWidth);
        long rows = Math.ceilDiv((long) dataset.height(), blockHeight);
        // Pixel-interleaved bands share their blocks: band 1's index is every band's.
        boolean separate = dataset.bandCount() > 1
                && dataset.metadataItem("INTERLEAVE", "IMAGE_STRUCTURE").map("BAND"::equalsIgnoreCase).orElse(false);
        int planes = separate ? dataset.bandCount() : 1;
        long blocks = multiply(multiply(columns, rows), planes);
        // Each block takes at least 4 bytes of index (a 2-byte offset and a 2-byte size); two fit in the header entry.
        if (blocks > fileSize / 4 + 2) {
            throw RasterFileDamaged.tooManyBlocks(file, blocks, columns + " x " + rows + " blocks of " + blockWidth + " x "
                    + blockHeight + " pixels" + (planes > 1 ? " in each of " + planes + " bands" : ""), fileSize);
        }
        for (int band = 1; band <= planes; band++) {
            for (int row = 0; row < rows; row++) {
                for (int column = 0; column < columns; column++) {
                    Optional<StoredBlock> stored;
                    try {
                        stored = dataset.storedBlock(band, column, row);
                    } catch (GdalException e) {
                        if (!e.causedByInput()) {
                            throw e;
                        }
                        throw RasterFileDamaged.unreadableIndex(file, band, column, row, reason(e, file), e);
                    }
                    if (stored.isPresent() && stored.get().end() > fileSize) {
                        throw RasterFileDamaged.blockPastEnd(file, band, column, row, stored.get().offset(),
                                stored.get().byteCount(), fileSize);
                    }
                }
            }
        }
    }

    /**
     * The failure to report when GDAL cannot open {@code file}: a {@link RasterFileDamaged} when a
     * raster driver recognises the file (its header was cut off or changed), else {@code failure}
     * itself (a file of no format GDAL knows, a missing file, a defect).
     */
    public static RuntimeException whenOpenFails(Path file, GdalException failure) {
        if (!failure.causedByInput()) {
            return failure;
        }
        return RasterDataset.recognisedAs(file).<RuntimeException>map(format ->
                RasterFileDamaged.unopenable(file, format, reason(failure, file), failure)).orElse(failure);
    }

    /**
     * The failure to report after reading {@code window} of {@code band} (from 1) failed with
     * {@code failure}: the first block of the window (row by row) that cannot be read alone, with
     * GDAL's reason; the window itself if every block can.
     */
    static RasterFileDamaged locate(RasterDataset dataset, Path file, Window window, int band, GdalException failure) {
        BandInfo info = dataset.band(band);
        int blockWidth = Math.max(1, info.blockWidth());
        int blockHeight = Math.max(1, info.blockHeight());
        int right = window.x() + window.width();
        int bottom = window.y() + window.height();
        for (int row = window.y() / blockHeight; row <= (bottom - 1) / blockHeight; row++) {
            for (int column = window.x() / blockWidth; column <= (right - 1) / blockWidth; column++) {
                // the block's part inside the window: GDAL reads the whole block, Java holds only that part
                int x = Math.max(window.x(), column * blockWidth);
                int y = Math.max(window.y(), row * blockHeight);
                int width = Math.min(right, (int) Math.min(Integer.MAX_VALUE, (long) (column + 1) * blockWidth)) - x;
                int height = Math.min(bottom, (int) Math.min(Integer.MAX_VALUE, (long) (row + 1) * blockHeight)) - y;
                try {
                    dataset.read(new Window(x, y, width, height), band, DataType.FLOAT32, new float[width * height]);
                } catch (GdalException e) {
                    if (!e.causedByInput()) {
                        throw e;
                    }
                    return RasterFileDamaged.unreadableBlock(file, band, column, row, reason(e, file), e);
                }
            }
        }
        return RasterFileDamaged.unreadablePixels(file, band, "the pixels from column " + window.x() + ", row " + window.y()
                + " to column " + (right - 1) + ", row " + (bottom - 1), reason(failure, file), failure);
    }

    /**
     * GDAL's reason for {@code failure}, for a person: without the file's name (the message gives
     * it), GDAL's block offsets (the message gives the block), libtiff's function names and unset
     * positions, and messages that only say that a call failed; one line, short.
     */
    static String reason(GdalException failure, Path file) {
        var parts = new ArrayList<String>();
        for (String message : failure.gdalMessages()) {
            String text = message.strip();
            int readBlock = text.indexOf(READ_BLOCK);
            if (readBlock >= 0) { // "FILE, band 1: IReadBlock failed at X offset 9, Y offset 3: TIFFReadEncodedTile() failed."
                int colon = text.indexOf(": ", readBlock);
                text = colon < 0 ? "" : text.substring(colon + 2);
            }
            // "TIFFFetchDirectory:FILE: Can not read ...", "FILE: TIFFReadDirectory:Failed to ...": both prefixes, in either order
            for (String before = null; !text.equals(before); ) {
                before = text;
                text = TIFF_FUNCTION.matcher(withoutFileName(text, file)).replaceFirst("");
            }
            text = UNSET_PLACE.matcher(text).replaceAll("");
            text = SENTINEL.matcher(text).replaceAll("(unknown)").strip();
            if (!text.isEmpty() && !parts.contains(text)) {
                parts.add(text);
            }
        }
        List<String> explained = parts.stream().filter(part -> !ONLY_FAILED.matcher(part).matches()).toList();
        List<String> kept = explained.isEmpty() ? parts : explained;
        return kept.isEmpty() ? "no reason given" : GdalException.printable(String.join("; ", kept));
    }

    /** {@code text} without a leading "FILE:" or "NAME:" (libtiff's messages start with the file GDAL opened). */
    private static String withoutFileName(String text, Path file) {
        for (String name : new String[] {file.toString(), String.valueOf(file.getFileName())}) {
            if (text.startsWith(name + ":")) {
                return text.substring(name.length() + 1).strip();
            }
            if (text.startsWith(name + ", ")) {
                return text.substring(name.length() + 2).strip();
            }
        }
        return text;
    }

    private static long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
