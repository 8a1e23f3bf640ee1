package io.tilework.charts.catalog;

import io.tilework.charts.failure.CellUnreadable;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an ISO/IEC 8211 file (the container of S-57 cells and exchange-set catalogues) one record
 * at a time, and decodes the subfields of the fields asked for: ASCII subfields of a fixed width
 * or ended by the unit terminator, binary integers ({@code b1W} unsigned, {@code b2W} signed, W
 * bytes, least significant first, as S-57 writes them) and bit strings; the first occurrence of
 * each field and of its subfield group.
 *
 * <p>Nothing in the file is trusted: a record is at most 99,999 bytes (its length has five digits),
 * so memory stays within one record whatever the file says, and every length and position is
 * checked against the record before it is used. A record that is cut short or does not parse is
 * a {@link Malformed} with the byte it starts at.
 */
final class Iso8211 implements AutoCloseable {

    static final byte UNIT_TERMINATOR = 0x1f;
    static final byte FIELD_TERMINATOR = 0x1e;
    private static final int LEADER = 24;
    /** Subfields of one field at most: more is a damaged format, not a real one. */
    private static final int MAX_SUBFIELDS = 512;
    /** Groups within groups at most ("(A,2(b11,3(A,I)))" is 2 deep): more is damage, and would recurse without end. */
    private static final int MAX_NESTING = 4;

    /** A record that cannot be read: cut short by the end of the file, or not well formed. */
    static final class Malformed extends Exception {

        private final long offset;
        private final boolean endOfFile;

        Malformed(long offset, boolean endOfFile, String message) {
            super(message, null, false, false);
            this.offset = offset;
            this.endOfFile = endOfFile;
        }

        /** Where the record that cannot be read starts. */
        long offset() {
            return offset;
        }

        /** Whether the file ends inside the record (a truncated file) rather than holding a damaged one. */
        boolean endOfFile() {
            return endOfFile;
        }
    }

    /** How one subfield is stored: {@code kind} 'A' (text), 'b' (binary integer) or 'B' (bit string); width in bytes, -1 when terminated. */
    private record Subfield(String label, char kind, int width, boolean signed) {
    }

    private final Path file;
    private final InputStream in;
    private final long size;
    private final Map<String, List<Subfield>> formats = new HashMap<>();
    private long offset;
    private int dataRecords;

    private Iso8211(Path file, InputStream in, long size) {
        this.file = file;
        this.in = in;
        this.size = size;
    }

    /** Opens {@code file} and reads its data descriptive record (the formats of its fields). */
    static Iso8211 open(Path file) throws IOException, Malformed {
        var reader = new Iso8211(file, new BufferedInputStream(Files.newInputStream(file), 1 << 16), Files.size(file));
        try {
            Record descriptive = reader.record();
            if (descriptive == null) {
                throw new Malformed(0, true, "the file is empty");
            }
            for (int i = 0; i < descriptive.tags.length; i++) {
                List<Subfield> format = format(descriptive, i);
                if (format != null) {
                    reader.formats.put(descriptive.tags[i], format);
                }
            }
            return reader;
        } catch (IOException | Malformed | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Every data record of a small file (an exchange-set catalogue), as tag to (subfield label to value). */
    static List<Map<String, Map<String, String>>> read(Path file) throws IOException {
        try (Iso8211 reader = open(file)) {
            var records = new ArrayList<Map<String, Map<String, String>>>();
            for (Record record = reader.next(); record != null; record = reader.next()) {
                var fields = new LinkedHashMap<String, Map<String, String>>();
                for (String tag : record.tags) {
                    if (!fields.containsKey(tag) && reader.formats.containsKey(tag)) {
                        fields.put(tag, record.values(tag));
                    }
                }
                records.add(fields);
            }
            return records;
        } catch (Malformed e) {
            throw new CellUnreadable(file + ": not a valid ISO 8211 file at byte " + e.offset() + ": " + e.getMessage());
        }
    }

    /** The next data record, or null at the end of the file. */
    Record next() throws IOException, Malformed {
        Record record = record();
        if (record != null) {
            dataRecords++;
        }
        return record;
    }

    /** The data records read so far. */
    int dataRecords() {
        return dataRecords;
    }

    /** Where the next record starts: the end of the last one read. */
    long offset() {
        return offset;
    }

    long size() {
        return size;
    }

    Path file() {
        return file;
    }

    /** Whether the data descriptive record defines {@code tag}'s subfields. */
    boolean defines(String tag) {
        return formats.containsKey(tag);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** One record: its fields' tags and where each field's bytes lie in it. */
    final class Record {

        private final long start;
        private final byte[] bytes;
        private final String[] tags;
        private final int[] starts;
        private final int[] lengths;

        private Record(long start, byte[] bytes, String[] tags, int[] starts, int[] lengths) {
            this.start = start;
            this.bytes = bytes;
            this.tags = tags;
            this.starts = starts;
            this.lengths = lengths;
        }

        /** The byte of the file the record starts at. */
        long offset() {
            return start;
        }

        /** The tag of field {@code index} (0 is the record identifier field of S-57's records), or null. */
        String tag(int index) {
            return index < tags.length ? tags[index] : null;
        }

        boolean has(String tag) {
            return indexOf(tag) >= 0;
        }

        /** The subfields of the first field {@code tag}, by label; empty when the record or the formats lack it. */
        Map<String, String> values(String tag) {
            int index = indexOf(tag);
            List<Subfield> format = formats.get(tag);
            return index < 0 || format == null ? Map.of() : decode(bytes, starts[index], lengths[index], format);
        }

        private int indexOf(String tag) {
            for (int i = 0; i < tags.length; i++) {
                if (tags[i].equals(tag)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Reads the record at {@link #offset}; null at a clean end of the file. */
    private Record record() throws IOException, Malformed {
        long start = offset;
        byte[] leader = in.readNBytes(LEADER);
        if (leader.length == 0) {
            return null;
        }
        if (leader.length < LEADER) {
            throw new Malformed(start, true, "the file ends " + leader.length + " bytes into a record's 24-byte leader");
        }
        int length = digits(leader, 0, 5, start, "a record length");
        if (length < LEADER + 1) {
            throw new Malformed(start, false, "a record length of " + length + " bytes, shorter than its leader");
        }
        int fieldArea = digits(leader, 12, 5, start, "where the record's fields start");
        int sizeOfLength = digits(leader, 20, 1, start, "the size of a field length");
        int sizeOfPosition = digits(leader, 21, 1, start, "the size of a field position");
        int sizeOfTag = digits(leader, 23, 1, start, "the size of a field tag");
        if (sizeOfLength == 0 || sizeOfPosition == 0 || sizeOfTag == 0 || fieldArea <= LEADER || fieldArea > length) {
            throw new Malformed(start, false, "a record leader that does not describe a record (" + excerpt(leader, 0, LEADER) + ")");
        }
        byte[] bytes = new byte[length];
        System.arraycopy(leader, 0, bytes, 0, LEADER);
        int read = in.readNBytes(bytes, LEADER, length - LEADER);
        offset += LEADER + read;
        if (read < length - LEADER) {
            throw new Malformed(start, true, "the file ends " + String.format(Locale.ROOT, "%,d", LEADER + read) + " bytes into a record of "
                    + String.format(Locale.ROOT, "%,d", length) + " bytes");
        }
        return directory(start, bytes, fieldArea, sizeOfLength, sizeOfPosition, sizeOfTag);
    }

    private Record directory(long start, byte[] bytes, int fieldArea, int sizeOfLength, int sizeOfPosition, int sizeOfTag) throws Malformed {
        int entrySize = sizeOfTag + sizeOfLength + sizeOfPosition;
        int entries = (fieldArea - 1 - LEADER) / entrySize;
        if (bytes[fieldArea - 1] != FIELD_TERMINATOR || (fieldArea - 1 - LEADER) % entrySize != 0) {
            throw new Malformed(start, false, "the record's directory does not end where its fields start");
        }
        var tags = new String[entries];
        var starts = new int[entries];
        var lengths = new int[entries];
        for (int i = 0; i < entries; i++) {
            int entry = LEADER + i * entrySize;
            tags[i] = new String(bytes, entry, sizeOfTag, StandardCharsets.ISO_8859_1);
            lengths[i] = digits(bytes, entry + sizeOfTag, sizeOfLength, start, "a field length");
            int position = digits(bytes, entry + sizeOfTag + sizeOfLength, sizeOfPosition, start, "a field position");
            starts[i] = fieldArea + position;
            if ((long) starts[i] + lengths[i] > bytes.length) {
                throw new Malformed(start, false, "field " + excerpt(bytes, entry, sizeOfTag) + " runs past the end of its record");
            }
        }
        return new Record(start, bytes, tags, starts, lengths);
    }

    /** A number written as ASCII digits, nothing else (no sign, no spaces within). */
    private static int digits(byte[] bytes, int from, int count, long record, String what) throws Malformed {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            byte b = bytes[i];
            if (b < '0' || b > '9') {
                throw new Malformed(record, false, "'" + excerpt(bytes, from, count) + "' where " + what + " was expected");
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    /** A short, printable excerpt: bytes outside printable ASCII as \xNN. */
    static String excerpt(byte[] bytes, int from, int count) {
        var text = new StringBuilder();
        for (int i = from; i < Math.min(bytes.length, from + Math.min(count, 24)); i++) {
            int b = bytes[i] & 0xff;
            text.append(b >= 0x20 && b < 0x7f && b != '\'' && b != '\\' ? String.valueOf((char) b) : String.format(Locale.ROOT, "\\x%02x", b));
        }
        return text.toString();
    }

    /**
     * A data descriptive field: field controls and name, labels "A!B!C" (a leading * marks a
     * repeated group), then the formats "(A(2),I(10),3A,b11,2b14,B(40))". Null when it describes
     * no subfields or its format cannot be read (the field is then not decoded).
     */
    private static List<Subfield> format(Record descriptive, int index) {
        int start = descriptive.starts[index];
        int end = start + descriptive.lengths[index];
        String text = new String(descriptive.bytes, start, end - start, StandardCharsets.ISO_8859_1);
        String[] parts = text.split(String.valueOf((char) UNIT_TERMINATOR), -1);
        if (parts.length < 3) {
            return null;
        }
        String[] labels = parts[1].replace("*", "").split("!");
        String controls = parts[2].replace(String.valueOf((char) FIELD_TERMINATOR), "").strip();
        var kinds = new ArrayList<Subfield>();
        if (!parseFormats(controls, kinds, 0)) {
            return null;
        }
        var subfields = new ArrayList<Subfield>();
        for (int i = 0; i < Math.min(labels.length, kinds.size()); i++) {
            Subfield kind = kinds.get(i);
            subfields.add(new Subfield(labels[i], kind.kind(), kind.width(), kind.signed()));
        }
        return subfields.isEmpty() ? null : subfields;
    }

    /** Flattens "(A,2b11,3(A(2),I))" into {@code into}; false when it is not a format this reader knows. */
    private static boolean parseFormats(String controls, List<Subfield> into, int nesting) {
        if (nesting > MAX_NESTING || controls.length() < 2 || controls.charAt(0) != '(' || controls.charAt(controls.length() - 1) != ')') {
            return false;
        }
        String inner = controls.substring(1, controls.length() - 1);
        int depth = 0;
        int from = 0;
        for (int i = 0; i <= inner.length(); i++) {
            char c = i < inner.length() ? inner.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                if (!parseItem(inner.substring(from, i).strip(), into, nesting)) {
                    return false;
                }
                from = i + 1;
            }
            if (depth < 0 || into.size() > MAX_SUBFIELDS) {
                return false;
            }
        }
        return depth == 0;
    }

    /** One item: an optional repeat count, then a group "(...)" or a type with an optional width. */
    private static boolean parseItem(String item, List<Subfield> into, int nesting) {
        int i = 0;
        while (i < item.length() && Character.isDigit(item.charAt(i)) && i < 4) {
            i++;
        }
        if (i < item.length() && Character.isDigit(item.charAt(i))) {
            return false; // a repeat of 10,000 or more: not a real format
        }
        int repeat = i == 0 ? 1 : Integer.parseInt(item.substring(0, i));
        String rest = item.substring(i);
        var one = new ArrayList<Subfield>();
        if (rest.startsWith("(")) {
            if (!parseFormats(rest, one, nesting + 1)) {
                return false;
            }
        } else {
            Subfield subfield = type(rest);
            if (subfield == null) {
                return false;
            }
            one.add(subfield);
        }
        for (int r = 0; r < repeat; r++) {
            into.addAll(one);
            if (into.size() > MAX_SUBFIELDS) {
                return false;
            }
        }
        return true;
    }

    /** "A", "A(8)", "I(10)", "R(4)", "b11", "b24", "B(40)"; null for anything else. */
    private static Subfield type(String text) {
        if (text.isEmpty()) {
            return null;
        }
        char kind = text.charAt(0);
        String rest = text.substring(1);
        if (kind == 'b') {
            if (rest.length() != 2 || rest.charAt(0) < '1' || rest.charAt(0) > '5' || rest.charAt(1) < '1' || rest.charAt(1) > '8') {
                return null;
            }
            return new Subfield("", 'b', rest.charAt(1) - '0', rest.charAt(0) == '2');
        }
        int width = -1;
        if (!rest.isEmpty()) {
            if (!rest.startsWith("(") || !rest.endsWith(")") || rest.length() < 3 || rest.length() > 7
                    || !rest.substring(1, rest.length() - 1).chars().allMatch(Character::isDigit)) {
                return null;
            }
            width = Integer.parseInt(rest.substring(1, rest.length() - 1));
        }
        return switch (kind) {
            case 'A', 'I', 'R', 'S', 'C', 'X' -> new Subfield("", 'A', width, false);
            case 'B' -> width < 0 ? null : new Subfield("", 'B', (width + 7) / 8, false);
            default -> null;
        };
    }

    /** The values of one field's first group; a field shorter than its format gives the subfields it holds. */
    private static Map<String, String> decode(byte[] bytes, int start, int length, List<Subfield> format) {
        var values = new LinkedHashMap<String, String>();
        int position = start;
        int end = start + length;
        for (Subfield subfield : format) {
            if (position >= end) {
                break;
            }
            if (subfield.kind() == 'A') {
                int stop;
                int next;
                if (subfield.width() >= 0) {
                    stop = Math.min(position + subfield.width(), end);
                    next = stop;
                } else {
                    stop = position;
                    while (stop < end && bytes[stop] != UNIT_TERMINATOR && bytes[stop] != FIELD_TERMINATOR) {
                        stop++;
                    }
                    next = stop + 1;
                }
                values.put(subfield.label(), new String(bytes, position, stop - position, StandardCharsets.ISO_8859_1).strip());
                position = next;
            } else {
                if (position + subfield.width() > end) {
                    break;
                }
                values.put(subfield.label(), subfield.kind() == 'b' ? Long.toString(integer(bytes, position, subfield))
                        : excerpt(bytes, position, subfield.width()));
                position += subfield.width();
            }
        }
        return values;
    }

    /** A binary integer, least significant byte first. */
    private static long integer(byte[] bytes, int at, Subfield subfield) {
        int width = Math.min(subfield.width(), 8);
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[at + i] & 0xff);
        }
        if (subfield.signed() && width < 8 && (bytes[at + width - 1] & 0x80) != 0) {
            value -= 1L << (8 * width);
        }
        return value;
    }
}
