package io.tilework.sales.inspect;

import io.tilework.sales.failure.Utf8;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The encoding of a file from its first bytes: UTF-8 (with or without a byte-order mark), else
 * Windows-1252 or ISO-8859-1 (told apart by the bytes 0x80-0x9f, printable in Windows-1252, control
 * codes in ISO-8859-1), and UTF-8 text that was decoded twice ({@code Ã©} for {@code é}: UTF-8
 * bytes read as Windows-1252 and saved again as UTF-8), which no encoding reads right, so the
 * fix is said.
 *
 * @param name          the schema's {@code encoding}: {@code utf-8}, {@code windows-1252} or {@code iso-8859-1}
 * @param bom           a UTF-8 byte-order mark starts the file (skipped)
 * @param why           what in the bytes says so
 * @param doubleDecoded empty, or what looks decoded twice and the command that repairs the file
 */
record EncodingGuess(String name, boolean bom, String why, String doubleDecoded) {

    /** Bytes that are unassigned in Windows-1252: a file holding one is ISO-8859-1 (with C1 controls). */
    private static final String UNASSIGNED_1252 = "\u0081\u008d\u008f\u0090\u009d";
    /** What the second byte of a UTF-8 sequence looks like once read as Windows-1252. */
    private static final String CONTINUATION_1252 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

    Charset charset() {
        return Charset.forName(name);
    }

    String label() {
        return switch (name) {
            case "utf-8" -> bom ? "UTF-8 with BOM" : "UTF-8";
            case "windows-1252" -> "windows-1252";
            default -> "iso-8859-1";
        };
    }

    static EncodingGuess of(byte[] bytes, int length, boolean whole) {
        boolean bom = length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF;
        int multiByte = 0;
        for (int i = bom ? 3 : 0; i < length; ) {
            int n = Utf8.length(bytes, i, length);
            if (n == Utf8.INCOMPLETE && !whole) {
                break;
            }
            if (n <= 0) {
                return eightBit(bytes, length, i);
            }
            multiByte += n > 1 ? 1 : 0;
            i += n;
        }
        String why = multiByte == 0 ? "every byte is ASCII (UTF-8 reads it)" : multiByte + " multi-byte characters, all valid UTF-8";
        String text = new String(bytes, bom ? 3 : 0, Math.max(0, length - (bom ? 3 : 0)), StandardCharsets.UTF_8);
        return new EncodingGuess("utf-8", bom, bom ? "a UTF-8 byte-order mark, then " + why : why, doubleDecoded(text));
    }

    private static EncodingGuess eightBit(byte[] bytes, int length, int first) {
        String at = String.format("byte %d is 0x%02x, not UTF-8", first, bytes[first] & 0xff);
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xff;
            if (UNASSIGNED_1252.indexOf((char) b) >= 0) {
                return new EncodingGuess("iso-8859-1", false, at + String.format("; byte %d is 0x%02x, unassigned in windows-1252", i, b), "");
            }
        }
        return new EncodingGuess("windows-1252", false, at + "; windows-1252 (a superset of iso-8859-1 for text) reads every byte", "");
    }

    /** Pairs such as {@code Ã©} or {@code â‚¬}: a UTF-8 lead byte and a continuation byte, each read as one character. */
    static String doubleDecoded(String text) {
        int count = 0;
        String first = null;
        boolean c1 = false;
        for (int i = 0; i + 1 < text.length(); i++) {
            char lead = text.charAt(i);
            char next = text.charAt(i + 1);
            // a two-byte lead (Ã, Â...), or â, the lead of € ’ “ ”; not é or è, which lead three-byte sequences and are common
            boolean twoByteLead = lead >= '\u00c2' && lead <= '\u00df';
            boolean continuation = next >= '\u00a0' && next <= '\u00bf' || CONTINUATION_1252.indexOf(next) >= 0;
            boolean control = next >= '\u0080' && next <= '\u009f';
            if (twoByteLead && (continuation || control) || lead == '\u00e2' && (next == '€' || next == '‚' || next == '\u0080')) {
                count++;
                c1 |= control;
                first = first == null ? text.substring(i, Math.min(text.length(), i + 2)) : first;
            }
        }
        if (count == 0) {
            return "";
        }
        String from = c1 ? "ISO-8859-1" : "WINDOWS-1252";
        return count + " pairs such as '" + first + "' look like UTF-8 decoded twice (read as " + from.toLowerCase() + " and saved "
                + "as UTF-8 again); repair the file with: iconv -f UTF-8 -t " + from + " FILE > FILE.fixed";
    }
}
