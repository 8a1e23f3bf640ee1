package io.tilework.sales.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.sales.failure.Excerpt;
import io.tilework.sales.failure.UnreadableInput;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("damaged input: lines over the maximum passed over in bounded memory, gzip damage found and placed, excerpts short")
class DamagedInputTest {

    @TempDir
    Path dir;

    /** What a scan hands over: a line's offset, its length, and whether it was too long to hold. */
    private record Seen(long offset, long length, boolean tooLong, String head) {
    }

    private static List<Seen> scan(List<Split> splits, int maxLine) throws Exception {
        var seen = new ArrayList<Seen>();
        for (Split split : splits) {
            int before = seen.size();
            long owned = LineScanner.scan(split, maxLine, new LineScanner.LineHandler() {
                @Override
                public void line(byte[] bytes, int from, int to, long offset) {
                    seen.add(new Seen(offset, to - from, false, new String(bytes, from, Math.min(to - from, 8), StandardCharsets.UTF_8)));
                }

                @Override
                public void tooLong(byte[] head, int from, int to, long offset, long length) {
                    assertTrue(to - from <= LineScanner.HEAD_BYTES && to - from > 0, "a head of at most " + LineScanner.HEAD_BYTES);
                    seen.add(new Seen(offset, length, true, new String(head, from, 8, StandardCharsets.UTF_8)));
                }
            });
            assertEquals(seen.size() - before, owned, "a split's count is the lines it handed over: " + split);
        }
        return seen;
    }

    @Test
    @DisplayName("lines over the maximum, shorter and longer than the scanner's buffer, at the start, inside and at the end without "
            + "a line break: each handed over once as too long, in every split size and through gzip; the buffer stays at the maximum")
    void longLines_inEverySplit() throws Exception {
        int maxLine = 300_000;
        var expected = new ArrayList<Seen>();
        var text = new ByteArrayOutputStream();
        var random = new Random(11);
        int[] lengths = {5_000_000, 40, 300_000, 300_001, 12, 1_500_000, 0, 299_999, 60, 2_000_000};
        for (int i = 0; i < lengths.length; i++) {
            byte[] line = new byte[lengths[i]];
            for (int k = 0; k < line.length; k++) {
                line[k] = (byte) ('a' + random.nextInt(26));
            }
            if (line.length >= 8) {
                System.arraycopy(String.format("L%07d", i).getBytes(StandardCharsets.US_ASCII), 0, line, 0, 8);
            }
            expected.add(new Seen(text.size(), line.length, line.length > maxLine,
                    new String(line, 0, Math.min(8, line.length), StandardCharsets.US_ASCII)));
            text.write(line);
            if (i < lengths.length - 1) {
                text.write('\n');
            }
        }
        Path plain = Files.write(dir.resolve("long.csv"), text.toByteArray());
        for (long size : new long[] {65_536, 100_000, 1 << 20, 3 << 20, 64 << 20}) {
            assertEquals(expected, scan(Splits.plan(List.of(plain), size), maxLine), "split size " + size);
        }
        Path gzip = dir.resolve("long.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(text.toByteArray());
        }
        assertEquals(expected, scan(Splits.plan(List.of(gzip), 1024), maxLine), "gzip");
        assertTrue(Scratch.ofThisThread().lines.length <= Math.max(1 << 20, maxLine + 1),
                "the buffer grows to the maximum, not to the line: " + Scratch.ofThisThread().lines.length);
    }

    private static byte[] gzip(byte[] content) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] csv(int rows) {
        var text = new StringBuilder("transaction_id,date,ville,type,modele,prix,duree_location_mois\n");
        var random = new Random(rows);
        for (int i = 0; i < rows; i++) {
            text.append("TX").append(random.nextInt(1_000_000)).append(",2024-01-15,Lyon,vente,BMW_X").append(random.nextInt(9))
                    .append(',').append(random.nextInt(90_000)).append(",NULL\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] read(Path file) throws Exception {
        try (InputStream in = GzipReader.open(file)) {
            return in.readAllBytes();
        }
    }

    @Test
    @DisplayName("a gzip file cut at any byte: 'truncated', the byte where it ends, the file's name; never another failure")
    void gzipCutAnywhere_isTruncatedAtItsEnd() throws Exception {
        byte[] whole = gzip(csv(60));
        Path file = dir.resolve("cut.csv.gz");
        for (int length = 1; length < whole.length; length++) {
            Files.write(file, Arrays.copyOf(whole, length));
            UnreadableInput error = assertThrows(UnreadableInput.class, () -> read(file), "cut at " + length + " bytes");
            assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
            assertTrue(error.getMessage().contains("ends at byte " + length + " (the end of the file)"), error.getMessage());
            assertTrue(error.getMessage().contains("truncated"), error.getMessage());
        }
        Files.write(file, new byte[0]);
        assertTrue(assertThrows(UnreadableInput.class, () -> read(file)).getMessage().contains("empty"));
    }

    @Test
    @DisplayName("gzip: members one after the other are one text; bytes after the last, a flipped byte, a plain file named .gz are each named")
    void gzipDamage_isPlaced() throws Exception {
        byte[] first = csv(50);
        byte[] second = "TX1,2024-01-15,Lyon,vente,BMW_X3,1,NULL\n".getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("d.csv.gz");
        byte[] members = concat(gzip(first), gzip(second));
        Files.write(file, members);
        assertArrayEquals(concat(first, second), read(file));

        Files.write(file, concat(members, "garbage".getBytes(StandardCharsets.US_ASCII)));
        String appended = assertThrows(UnreadableInput.class, () -> read(file)).getMessage();
        assertTrue(appended.contains("ends at byte " + members.length + " but 7 more bytes follow"), appended);

        byte[] original = csv(80);
        byte[] whole = gzip(original);
        int harmless = 0;
        for (int at = 10; at < whole.length; at++) { // every byte after the header
            byte[] damaged = whole.clone();
            damaged[at] ^= 0x5a;
            Files.write(file, damaged);
            try {
                assertArrayEquals(original, read(file), "a flipped byte read without a word changes nothing: " + at);
                harmless++; // the padding bits after the last block
            } catch (UnreadableInput expected) {
                assertTrue(expected.getMessage().startsWith(file + ": the gzip data "), expected.getMessage());
            }
        }
        assertTrue(harmless <= 1, harmless + " flipped bytes passed");

        Files.write(file, csv(3));
        String plain = assertThrows(UnreadableInput.class, () -> read(file)).getMessage();
        assertTrue(plain.contains("not gzip data") && plain.contains("plain text"), plain);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    @DisplayName("the first block: formats by magic number, NUL, not UTF-8, UTF-16; a character cut by the block's end is text")
    void sniff() {
        assertEquals("a TIFF image", Sniff.format(new byte[] {'I', 'I', 42, 0, 8, 0}, 6).orElseThrow());
        assertEquals("an SQLite database", Sniff.format("SQLite format 3\0....".getBytes(StandardCharsets.ISO_8859_1), 20).orElseThrow());
        byte[] s57 = "015583LE1 0900201 ! 3404".getBytes(StandardCharsets.US_ASCII); // the leader of ECDIS_Chart_1/AA5C1AB1.000
        assertEquals("an ISO 8211 file (an S-57 chart cell?)", Sniff.format(s57, s57.length).orElseThrow());
        assertTrue(Sniff.format("transaction_id,date".getBytes(StandardCharsets.US_ASCII), 19).isEmpty());
        byte[] text = "a,b\nc,é\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(Sniff.notText(text, text.length, true).isEmpty());
        assertTrue(Sniff.notText(text, text.length - 2, false).isEmpty(), "é cut by the block's end");
        assertTrue(Sniff.notText(text, text.length - 2, true).orElseThrow().contains("byte 6 (line 2) is 0xc3"));
        byte[] latin1 = "a,b\nc,é\n".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(Sniff.notText(latin1, latin1.length, true).orElseThrow().contains("byte 6 (line 2) is 0xe9, which is not UTF-8"));
        byte[] nul = "a,b\n\0".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(Sniff.notText(nul, nul.length, true).orElseThrow().contains("NUL byte at byte 4 (line 2)"));
        byte[] utf16 = "a,b\n".getBytes(StandardCharsets.UTF_16LE);
        assertTrue(Sniff.notText(utf16, utf16.length, true).orElseThrow().contains("UTF-16"));
    }

    @Test
    @DisplayName("excerpts: at most 80 characters then the length; control, format and non-UTF-8 bytes escaped")
    void excerpts() {
        byte[] line = ("a\tb\u001b[31m\u202Eevil\\" + "x".repeat(200)).getBytes(StandardCharsets.UTF_8);
        String excerpt = Excerpt.of(line, 0, line.length);
        assertTrue(excerpt.startsWith("a\\tb\\x1b[31m\\u202eevil\\\\xxx"), excerpt);
        assertTrue(excerpt.endsWith("… (" + line.length + " bytes)"), excerpt);
        assertEquals(80 + 1 + 3 + 5 + 1 + ("… (" + line.length + " bytes)").length(), excerpt.length(), "80 characters shown: " + excerpt);
        assertEquals("ab\\xff\\xfecd", Excerpt.of(new byte[] {'a', 'b', (byte) 0xff, (byte) 0xfe, 'c', 'd'}, 0, 6));
        assertEquals("Orléans", Excerpt.of("Orléans"));
        assertEquals("x".repeat(80) + "… (81 characters)", Excerpt.of("x".repeat(81)));
    }
}
