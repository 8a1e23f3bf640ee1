package io.tilework.raster.failure;

import java.nio.file.Path;

/**
 * A raster file that cannot be read whole: cut short, or changed inside a compressed block or in
 * the index that says where its blocks are. The message names the file and the first block (its
 * column and row in the band's grid of blocks, and the band, from 1, as {@code gdalinfo} counts
 * them) that cannot be read, with the reason (GDAL's, or the index's), and says to replace it.
 */
public final class RasterFileDamaged extends RasterFailure {

    private static final String REMEDY = "; replace it with a whole copy";

    private final Path file;

    private RasterFileDamaged(Path file, String what, Throwable cause) {
        super(file + " is damaged or truncated: " + what + REMEDY, cause);
        this.file = file;
    }

    /** Reading block ({@code column}, {@code row}) of {@code band} (from 1) failed for {@code reason} (GDAL's words). */
    public static RasterFileDamaged unreadableBlock(Path file, int band, int column, int row, String reason, Throwable cause) {
        return new RasterFileDamaged(file, block(band, column, row) + " cannot be read (GDAL: " + reason + ")", cause);
    }

    /** The file's index puts block ({@code column}, {@code row}) of {@code band} past its end. */
    public static RasterFileDamaged blockPastEnd(Path file, int band, int column, int row, long offset, long byteCount, long fileSize) {
        return new RasterFileDamaged(file, block(band, column, row) + " cannot be read (the file says its " + byteCount
                + " bytes are at offset " + offset + ", but the file ends at byte " + fileSize + ")", null);
    }

    /** The index of block ({@code column}, {@code row}) of {@code band} itself cannot be read. */
    public static RasterFileDamaged unreadableIndex(Path file, int band, int column, int row, String reason, Throwable cause) {
        return new RasterFileDamaged(file, "where the block at column " + column + ", row " + row + " of band " + band
                + " is stored cannot be read (GDAL: " + reason + ")", cause);
    }

    /** A raster driver recognises the file as {@code format} (e.g. "GeoTIFF"), but GDAL cannot open it for {@code reason}. */
    public static RasterFileDamaged unopenable(Path file, String format, String reason, Throwable cause) {
        return new RasterFileDamaged(file, "GDAL recognises a " + format + " but cannot open it (GDAL: " + reason + ")", cause);
    }

    /** The header declares more blocks than a file of {@code fileSize} bytes can list. */
    public static RasterFileDamaged tooManyBlocks(Path file, long blocks, String grid, long fileSize) {
        return new RasterFileDamaged(file, "its header declares " + blocks + " blocks (" + grid + "), more than a file of "
                + fileSize + " bytes can list", null);
    }

    /** Reading a window failed, but no block of it alone did (the file changed meanwhile, or a read failed once). */
    public static RasterFileDamaged unreadablePixels(Path file, int band, String pixels, String reason, Throwable cause) {
        return new RasterFileDamaged(file, pixels + " of band " + band + " cannot be read (GDAL: " + reason + ")", cause);
    }

    /** The file concerned. */
    public Path file() {
        return file;
    }

    private static String block(int band, int column, int row) {
        return "the block at column " + column + ", row " + row + " of band " + band;
    }
}
