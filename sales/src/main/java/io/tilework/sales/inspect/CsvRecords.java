package io.tilework.sales.inspect;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of CSV text in a given dialect, one at a time: fields split on the delimiter, a
 * quoted field may hold the delimiter, line breaks and the quote (doubled, or after the escape
 * character). A record is at most {@value #MAX_RECORD} characters: past it (a quote that never
 * closes) the record ends at the next line break, so a damaged file cannot make it grow without bound.
 */
final class CsvRecords {

    static final int MAX_RECORD = 1 << 20;

    /** A record and the line, counted from 1, it starts on. */
    record Row(long line, List<String> fields) {
    }

    private final Reader in;
    private final char delimiter;
    private final char quote;
    private final char escape;
    private final char[] buffer = new char[1 << 14];
    private int position;
    private int limit;
    private long line = 1;
    private int pending = -1;

    CsvRecords(Reader in, char delimiter, char quote, char escape) {
        this.in = in;
        this.delimiter = delimiter;
        this.quote = quote;
        this.escape = escape;
    }

    /** The next record, or null at the end of the text; a blank line is a record of one empty field. */
    Row next() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        var field = new StringBuilder();
        boolean quoted = false;
        int size = 0;
        while (true) {
            if (c < 0) {
                fields.add(field.toString());
                return new Row(start, fields);
            }
            size++;
            if (quoted && size < MAX_RECORD) {
                if (c == escape && escape != quote) {
                    int next = read();
                    field.append((char) (next < 0 ? c : next));
                    countLine(next);
                } else if (c == quote) {
                    int next = read();
                    if (next == quote) {
                        field.append(quote);
                    } else {
                        quoted = false;
                        c = next;
                        continue;
                    }
                } else {
                    field.append((char) c);
                    countLine(c);
                }
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    int next = read();
                    if (next != '\n') {
                        pending = next;
                    }
                }
                line++;
                fields.add(field.toString());
                return new Row(start, fields);
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == quote && quote != 0 && field.isEmpty() && !quoted) {
                quoted = true;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private void countLine(int c) {
        if (c == '\n') {
            line++;
        }
    }

    private int read() throws IOException {
        if (pending != -1) {
            int c = pending;
            pending = -1;
            return c;
        }
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++];
    }
}
