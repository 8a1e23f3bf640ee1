package io.tilework.sales.input;

import io.tilework.sales.failure.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What the first block of a file says it is when it is not CSV text: a known format by its magic
 * number (a TIFF, a zip, a Parquet file, an SQLite database...), or bytes text never holds (a NUL,
 * a sequence that is not UTF-8, many control bytes), with where the first of them is. Given a
 * binary file, the report would otherwise print its first "line" as the header, or reject every
 * row for a reason that hides what happened.
 */
public final class Sniff {

    /** How much of a file is looked at: enough for any magic number and a few hundred rows. */
    public static final int BLOCK = 64 * 1024;

    private record Magic(int at, byte[] bytes, String format) {

        Magic(String bytes, String format) {
            this(0, bytes.getBytes(StandardCharsets.ISO_8859_1), format);
        }

        boolean matches(byte[] head, int length) {
            if (length < at + bytes.length) {
                return false;
            }
            for (int i = 0; i < bytes.length; i++) {
                if (head[at + i] != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The formats a wrong file most often is, by their first bytes (the longest first where one starts another). */
    private static final List<Magic> FORMATS = List.of(
            new Magic("II*\0", "a TIFF image"),
            new Magic("MM\0*", "a TIFF image"),
            new Magic("II+\0", "a BigTIFF image"),
            new Magic("MM\0+", "a BigTIFF image"),
            new Magic("\u001f\u008b", "gzip-compressed data"),
            new Magic("PK\u0003\u0004", "a zip archive (an .xlsx or .ods workbook is one)"),
            new Magic("PK\u0005\u0006", "an empty zip archive"),
            new Magic("PK\u0007\u0008", "a zip archive"),
            new Magic("PAR1", "a Parquet file"),
            new Magic("SQLite format 3\0", "an SQLite database"),
            new Magic("%PDF-", "a PDF document"),
            new Magic("\u0089PNG\r\n\u001a\n", "a PNG image"),
            new Magic("\u00ff\u00d8\u00ff", "a JPEG image"),
            new Magic("GIF87a", "a GIF image"),
            new Magic("GIF89a", "a GIF image"),
            new Magic("BZh", "bzip2-compressed data"),
            new Magic("\u00fd7zXZ\0", "xz-compressed data"),
            new Magic("(\u00b5/\u00fd", "zstd-compressed data"),
            new Magic("7z\u00bc\u00af'\u001c", "a 7-Zip archive"),
            new Magic("Rar!\u001a\u0007", "a RAR archive"),
            new Magic("\u00d0\u00cf\u0011\u00e0\u00a1\u00b1\u001a\u00e1", "an Excel 97-2003 workbook (or another OLE2 document)"),
            new Magic("\u0089HDF\r\n\u001a\n", "an HDF5 file"),
            new Magic("CDF\u0001", "a netCDF file"),
            new Magic("CDF\u0002", "a netCDF file"),
            new Magic("ARROW1", "an Arrow file"),
            new Magic("Obj\u0001", "an Avro file"),
            new Magic("\u007fELF", "an ELF executable"),
            new Magic("\0\0'\n", "an ESRI shapefile"),
            new Magic("\u00ff\u00fe\0\0", "UTF-32 text (save it as UTF-8)"),
            new Magic("\0\0\u00fe\u00ff", "UTF-32 text (save it as UTF-8)"),
            new Magic("\u00ff\u00fe", "UTF-16 text (save it as UTF-8)"),
            new Magic("\u00fe\u00ff", "UTF-16 text (save it as UTF-8)"),
            new Magic(6, "LE1".getBytes(StandardCharsets.US_ASCII), "an ISO 8211 file (an S-57 chart cell?)"));

    private Sniff() {
    }

    /** The known format {@code head[0, length)} starts like, if any. */
    public static Optional<String> format(byte[] head, int length) {
        for (Magic magic : FORMATS) {
            if (magic.matches(head, length) && (magic.at() == 0 || iso8211Leader(head))) {
                return Optional.of(magic.format());
            }
        }
        return Optional.empty();
    }

    /** An ISO 8211 leader: the record's length in five digits, then an interchange level and "LE1". */
    private static boolean iso8211Leader(byte[] head) {
        for (int i = 0; i < 5; i++) {
            if (head[i] < '0' || head[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** The first bytes as hexadecimal: what a message shows of a binary file. */
    public static String hex(byte[] head, int length) {
        var out = new StringBuilder();
        for (int i = 0; i < Math.min(length, 8); i++) {
            out.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xff));
        }
        return out.toString();
    }

    /**
     * Why {@code block[0, length)}, the start of a file, is not UTF-8 text, or empty when it is. A
     * multi-byte character cut by the block's end counts as text unless {@code whole} (the file ends there).
     */
    public static Optional<String> notText(byte[] block, int length, boolean whole) {
        return notText(block, length, whole, true);
    }

    /**
     * As {@link #notText(byte[], int, boolean)}; when not {@code utf8} (a schema declares a one-byte encoding such as
     * Windows-1252) every byte from 0x80 is a character, and only NUL, UTF-16 and control bytes make it binary.
     */
    public static Optional<String> notText(byte[] block, int length, boolean whole, boolean utf8) {
        if (length >= 4 && block[0] != 0 && block[1] == 0 && block[2] != 0 && block[3] == 0) {
            return Optional.of("it looks like UTF-16 text (little-endian, without byte-order mark); save it as UTF-8");
        }
        if (length >= 4 && block[0] == 0 && block[1] != 0 && block[2] == 0 && block[3] != 0) {
            return Optional.of("it looks like UTF-16 text (big-endian, without byte-order mark); save it as UTF-8");
        }
        int controls = 0;
        int firstControl = -1;
        for (int i = 0; i < length; ) {
            int b = block[i] & 0xff;
            if (b == 0) {
                return Optional.of("it holds a NUL byte at byte " + i + " (line " + line(block, i) + "), which text never does: "
                        + "binary data");
            }
            if (b < 0x80) {
                if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1a) || b == 0x7f) {
                    controls++;
                    firstControl = firstControl < 0 ? i : firstControl;
                }
                i++;
                continue;
            }
            if (!utf8) {
                i++;
                continue;
            }
            int n = Utf8.length(block, i, length);
            if (n == Utf8.INCOMPLETE && !whole) {
                break;
            }
            if (n <= 0) {
                return Optional.of(String.format("byte %d (line %d) is 0x%02x, which is not UTF-8; if the file was saved as Latin-1 or "
                        + "Windows-1252, convert it (iconv -f WINDOWS-1252 -t UTF-8)", i, line(block, i), b));
            }
            i += n;
        }
        if (controls >= Math.max(4, length / 100)) {
            return Optional.of(String.format("it holds %d control bytes in its first %d, the first 0x%02x at byte %d (line %d): binary data",
                    controls, length, block[firstControl] & 0xff, firstControl, line(block, firstControl)));
        }
        return Optional.empty();
    }

    /** The line, counted from 1, that byte {@code at} of the block is on. */
    private static long line(byte[] block, int at) {
        long line = 1;
        for (int i = 0; i < at; i++) {
            if (block[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
