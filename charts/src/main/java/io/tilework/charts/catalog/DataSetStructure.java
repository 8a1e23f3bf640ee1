package io.tilework.charts.catalog;

import io.tilework.charts.failure.CellUnreadable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What one S-57 file (a base cell or an update) holds, checked against what it says of itself.
 * The first data record's data set structure information field (DSSI, IHO S-57 Part 3, 7.3.1.2)
 * counts the file's feature records (NOMR meta, NOCR cartographic, NOGR geo, NOLR collection) and
 * vector records (NOIN isolated nodes, NOCN connected nodes, NOED edges, NOFA faces). A file cut
 * short, at a record boundary or inside a record, or damaged so that its records do not parse,
 * holds fewer: GDAL reads such a file without a word, so it is read here first.
 *
 * @param file      the file
 * @param features  feature records announced by the DSSI, and found (FRID)
 * @param vectors   vector records announced by the DSSI, and found (VRID)
 * @param inserted  feature records the file inserts (RUIN 1: every record of a base cell)
 * @param deleted   feature records the file deletes (RUIN 2, updates only)
 */
record DataSetStructure(Path file, long features, long vectors, long inserted, long deleted) {

    private static final String[] FEATURE_COUNTS = {"NOMR", "NOCR", "NOGR", "NOLR"};
    private static final String[] VECTOR_COUNTS = {"NOIN", "NOCN", "NOED", "NOFA"};
    private static final int INSERT = 1;
    private static final int DELETE = 2;
    private static final int MODIFY = 3;

    /** Reads {@code file}; throws {@link CellUnreadable} naming it when it is not whole. */
    static DataSetStructure read(Path file) throws IOException {
        try (Iso8211 reader = open(file)) {
            Iso8211.Record first;
            try {
                first = reader.next();
            } catch (Iso8211.Malformed e) {
                throw new CellUnreadable(file + " is truncated or damaged: " + where(e) + "; get the cell again from its producer");
            }
            if (first == null || !first.has("DSID")) {
                throw new CellUnreadable(file + " is truncated or damaged: " + (first == null ? "it ends after its field descriptions"
                        : "its first record is not the data set identification (DSID)") + "; get the cell again from its producer");
            }
            long features = announced(file, first, FEATURE_COUNTS);
            long vectors = announced(file, first, VECTOR_COUNTS);
            return count(reader, features, vectors);
        }
    }

    private static Iso8211 open(Path file) throws IOException {
        try {
            return Iso8211.open(file);
        } catch (Iso8211.Malformed e) {
            throw new CellUnreadable(file + " is not an S-57 cell (ISO 8211): " + (e.endOfFile() ? "it is cut short: " : "")
                    + e.getMessage() + " at byte " + number(e.offset()));
        }
    }

    /** Counts the records after the first and compares them with the DSSI. */
    private static DataSetStructure count(Iso8211 reader, long announcedFeatures, long announcedVectors) throws IOException {
        Path file = reader.file();
        long features = 0;
        long vectors = 0;
        long inserted = 0;
        long deleted = 0;
        try {
            for (Iso8211.Record record = reader.next(); record != null; record = reader.next()) {
                if (record.has("FRID")) {
                    features++;
                    switch (instruction(file, record)) {
                        case INSERT -> inserted++;
                        case DELETE -> deleted++;
                        default -> { }
                    }
                } else if (record.has("VRID")) {
                    vectors++;
                }
            }
        } catch (Iso8211.Malformed e) {
            throw new CellUnreadable(file + " is truncated or damaged: read " + of(features, announcedFeatures, "feature records")
                    + " and " + of(vectors, announcedVectors, "vector records") + "; " + where(e) + "; get the cell again from its producer");
        }
        if (features != announcedFeatures || vectors != announcedVectors) {
            throw new CellUnreadable(file + " is truncated or damaged: read " + of(features, announcedFeatures, "feature records")
                    + " and " + of(vectors, announcedVectors, "vector records") + " its data set structure information (DSSI) announces;"
                    + " the file ends after " + number(reader.dataRecords() + 1) + " whole records, at byte " + number(reader.offset())
                    + "; get the cell again from its producer");
        }
        return new DataSetStructure(file, features, vectors, inserted, deleted);
    }

    /** A feature record's update instruction (RUIN): 1 insert, 2 delete, 3 modify. */
    private static int instruction(Path file, Iso8211.Record record) {
        String value = record.values("FRID").get("RUIN");
        int instruction = value == null || value.isEmpty() || !value.chars().allMatch(Character::isDigit) || value.length() > 3
                ? 0 : Integer.parseInt(value);
        if (instruction != INSERT && instruction != DELETE && instruction != MODIFY) {
            throw new CellUnreadable(file + " is damaged: the feature record at byte " + number(record.offset())
                    + " has no update instruction (RUIN 1, 2 or 3); get the cell again from its producer");
        }
        return instruction;
    }

    /** The sum of the DSSI counts named. */
    private static long announced(Path file, Iso8211.Record first, String[] names) {
        Map<String, String> dssi = first.values("DSSI");
        long sum = 0;
        for (String name : names) {
            String value = dssi.get(name);
            if (value == null || value.isEmpty() || value.length() > 10 || !value.chars().allMatch(Character::isDigit)) {
                throw new CellUnreadable(file + " is truncated or damaged: its data set structure information (DSSI) "
                        + (dssi.isEmpty() ? "is missing" : "has no record count " + name) + "; get the cell again from its producer");
            }
            sum += Long.parseLong(value);
        }
        return sum;
    }

    private static String where(Iso8211.Malformed e) {
        return e.endOfFile() ? e.getMessage() + ", which starts at byte " + number(e.offset())
                : "the record at byte " + number(e.offset()) + " is damaged: " + e.getMessage();
    }

    private static String of(long found, long announced, String what) {
        return found <= announced ? number(found) + " of " + number(announced) + " " + what
                : number(found) + " " + what + ", more than the " + number(announced);
    }

    static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
