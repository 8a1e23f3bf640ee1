package io.tilework.charts.catalog;

import io.tilework.charts.failure.CellUnreadable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the records of an ISO/IEC 8211 file (the container of S-57 exchange sets) as named
 * subfield values. Only what an exchange-set catalogue needs: ASCII subfields, fixed width or
 * ended by the unit terminator, one occurrence of each subfield group per field.
 */
final class Iso8211 {

    private static final byte UNIT_TERMINATOR = 0x1f;
    private static final byte FIELD_TERMINATOR = 0x1e;

    /** A field's subfields: their labels and widths (-1 for terminated). */
    private record FieldFormat(List<String> labels, List<Integer> widths) {
    }

    private Iso8211() {
    }

    /** Every data record, as tag to (subfield label to value). */
    static List<Map<String, Map<String, String>>> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        var formats = new LinkedHashMap<String, FieldFormat>();
        var records = new ArrayList<Map<String, Map<String, String>>>();
        int offset = 0;
        boolean descriptive = true;
        while (offset < bytes.length) {
            if (offset + 24 > bytes.length) {
                throw malformed(file, offset, "a record leader is cut short");
            }
            int length = number(bytes, offset, 5, file);
            int fieldArea = number(bytes, offset + 12, 5, file);
            int sizeOfLength = bytes[offset + 20] - '0';
            int sizeOfPosition = bytes[offset + 21] - '0';
            int sizeOfTag = bytes[offset + 23] - '0';
            if (length < 24 || offset + length > bytes.length || sizeOfTag < 1) {
                throw malformed(file, offset, "record length " + length + " runs past the end of the file");
            }
            var fields = new LinkedHashMap<String, Map<String, String>>();
            int entry = offset + 24;
            int entrySize = sizeOfTag + sizeOfLength + sizeOfPosition;
            while (bytes[entry] != FIELD_TERMINATOR) {
                String tag = new String(bytes, entry, sizeOfTag, StandardCharsets.US_ASCII);
                int fieldLength = number(bytes, entry + sizeOfTag, sizeOfLength, file);
                int position = number(bytes, entry + sizeOfTag + sizeOfLength, sizeOfPosition, file);
                int start = offset + fieldArea + position;
                if (descriptive) {
                    formats.put(tag, format(bytes, start, fieldLength));
                } else if (formats.containsKey(tag)) {
                    fields.put(tag, values(bytes, start, fieldLength, formats.get(tag)));
                }
                entry += entrySize;
            }
            if (!descriptive) {
                records.add(fields);
            }
            descriptive = false;
            offset += length;
        }
        return records;
    }

    /** A data descriptive field: control, name, labels "A!B!C", format "(A(2),I(10),3A,...)". */
    private static FieldFormat format(byte[] bytes, int start, int length) {
        String text = new String(bytes, start, length, StandardCharsets.ISO_8859_1);
        String[] parts = text.split(String.valueOf((char) UNIT_TERMINATOR), -1);
        if (parts.length < 3) {
            return new FieldFormat(List.of(), List.of());
        }
        List<String> labels = List.of(parts[1].replace("*", "").split("!"));
        var widths = new ArrayList<Integer>();
        String controls = parts[2].replace(String.valueOf((char) FIELD_TERMINATOR), "").strip();
        controls = controls.substring(1, controls.length() - 1); // the outer parentheses
        for (String control : controls.split(",")) {
            int i = 0;
            while (i < control.length() && Character.isDigit(control.charAt(i))) {
                i++;
            }
            int repeat = i == 0 ? 1 : Integer.parseInt(control.substring(0, i));
            int open = control.indexOf('(');
            int width = open < 0 ? -1 : Integer.parseInt(control.substring(open + 1, control.indexOf(')')));
            for (int r = 0; r < repeat; r++) {
                widths.add(width);
            }
        }
        return new FieldFormat(labels, widths);
    }

    private static Map<String, String> values(byte[] bytes, int start, int length, FieldFormat format) {
        var values = new LinkedHashMap<String, String>();
        int position = start;
        int end = start + length;
        for (int i = 0; i < format.labels().size() && i < format.widths().size() && position < end; i++) {
            int width = format.widths().get(i);
            int stop;
            int next;
            if (width >= 0) {
                stop = Math.min(position + width, end);
                next = stop;
            } else {
                stop = position;
                while (stop < end && bytes[stop] != UNIT_TERMINATOR && bytes[stop] != FIELD_TERMINATOR) {
                    stop++;
                }
                next = stop + 1;
            }
            values.put(format.labels().get(i), new String(bytes, position, stop - position, StandardCharsets.ISO_8859_1).strip());
            position = next;
        }
        return values;
    }

    private static int number(byte[] bytes, int offset, int digits, Path file) {
        String text = new String(bytes, offset, digits, StandardCharsets.US_ASCII).strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw malformed(file, offset, "'" + text + "' where a number was expected");
        }
    }

    private static CellUnreadable malformed(Path file, int offset, String what) {
        return new CellUnreadable(file + ": not a valid ISO 8211 file at byte " + offset + ": " + what);
    }
}
