package io.tilework.sales.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the row parser's month lookup and id hash give what their definitions say, from any position in a buffer")
class RowParserTest {

    @Test
    @DisplayName("every day from 1969 to 2100, and the days that do not exist, against java.time")
    void month_agreesWithTheCalendar() {
        byte[] b = new byte[16];
        for (int year = 1969; year <= 2100; year++) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    String date = String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
                    byte[] text = date.getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(text, 0, b, 3, 10); // not at the buffer's start
                    int expected = year >= 1970 && year <= 2099 && isDay(year, month, day) ? (year - 1970) * 12 + month - 1 : -1;
                    assertEquals(expected, RowParser.month(b, 3, 13), date);
                }
            }
        }
        for (String bad : new String[] {"2024-0a-01", "2024-01-1x", "2O24-01-01", "2024/01/01", "2024-01-011", "-024-01-01"}) {
            byte[] text = bad.getBytes(StandardCharsets.US_ASCII);
            assertEquals(-1, RowParser.month(text, 0, text.length), bad);
        }
    }

    private static boolean isDay(int year, int month, int day) {
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    @Test
    @DisplayName("an id hashes the same wherever it lies; a million ids give a million hashes over all 256 partitions")
    void hash_isPositionFree_andSpreads() {
        byte[] b = new byte[64];
        byte[] id = "TX00012345-long-id".getBytes(StandardCharsets.US_ASCII);
        long expected = RowParser.hash(id, 0, id.length);
        for (int at = 0; at + id.length <= b.length; at++) {
            java.util.Arrays.fill(b, (byte) 'x');
            System.arraycopy(id, 0, b, at, id.length);
            assertEquals(expected, RowParser.hash(b, at, at + id.length), "at " + at);
        }
        byte[] shorter = {'T', 'X', '1'};
        byte[] withZero = {'T', 'X', '1', 0};
        assertTrue(RowParser.hash(shorter, 0, 3) != RowParser.hash(withZero, 0, 4), "a trailing zero byte changes the hash");

        var hashes = new HashSet<Long>();
        int[] perPartition = new int[IdRun.PARTITIONS];
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            byte[] tx = String.format(Locale.ROOT, "TX%08d", i).getBytes(StandardCharsets.US_ASCII);
            long hash = RowParser.hash(tx, 0, tx.length);
            hashes.add(hash);
            perPartition[IdRun.partition(hash)]++;
        }
        assertEquals(n, hashes.size(), "no two of these ids share a hash");
        for (int count : perPartition) {
            assertTrue(Math.abs(count - n / IdRun.PARTITIONS) < n / IdRun.PARTITIONS / 10, "partitions within 10 % of even: " + count);
        }
    }
}
