package io.tilework.sales.input;

import io.tilework.sales.failure.UnreadableInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A {@code .gz} input file decompressed (RFC 1952: one member, or several one after the other),
 * its damage told as the file's: where the compressed data ends before it is complete (a truncated
 * file), where it stops being valid deflate data, a member whose checksum or length does not
 * match, bytes after the last member that are not gzip, a file that is not gzip at all. Each is an
 * {@link UnreadableInput} naming the file and the byte of the compressed file.
 *
 * <p>{@link java.util.zip.GZIPInputStream} says only "Unexpected end of ZLIB input stream", and
 * takes whatever follows a member and is not another member for the end of the data, so bytes
 * appended to a file, or a second member cut in its header, pass without a word.
 */
public final class GzipReader extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xE0;

    private final Path file;
    private final InputStream raw;
    private final long size;
    private final byte[] buffer = new byte[1 << 16];
    /** The compressed bytes not yet used are {@code buffer[position, limit)}. */
    private int position;
    private int limit;
    /** Where {@code buffer[0]} is in the file. */
    private long bufferStart;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private boolean inMember;
    private boolean done;
    private int members;

    private GzipReader(Path file, InputStream raw, long size) {
        this.file = file;
        this.raw = raw;
        this.size = size;
    }

    /** Opens {@code file} for reading through gzip; its damage is found as it is read. */
    public static GzipReader open(Path file) throws IOException {
        long size = Files.size(file);
        return new GzipReader(file, Files.newInputStream(file), size);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!done) {
            if (!inMember) {
                done = !header();
                continue;
            }
            if (inflater.needsInput()) {
                if (position == limit && !fill()) {
                    throw truncated();
                }
                inflater.setInput(buffer, position, limit - position);
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                position = limit - inflater.getRemaining();
                throw damaged("not valid deflate data: " + e.getMessage());
            }
            position = limit - inflater.getRemaining();
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                trailer();
            } else if (inflater.needsDictionary()) {
                throw damaged("it asks for a preset dictionary, which gzip never uses");
            }
        }
        return -1;
    }

    /** Reads a member's header; false at the end of the file after the last member. */
    private boolean header() throws IOException {
        long at = offset();
        int first = readByte();
        if (first < 0 && members > 0) {
            return false;
        }
        if (first < 0) {
            throw new UnreadableInput(file, "the file is empty; a .gz input must hold gzip-compressed CSV");
        }
        int second = readByte();
        if (first == 0x1f && second < 0) {
            throw truncated();
        }
        if (first != 0x1f || second != 0x8b) {
            if (members > 0) {
                throw new UnreadableInput(file, "the gzip data ends at byte " + at + " but " + (size - at) + " more bytes follow that are "
                        + "not gzip: the file is damaged or something was appended to it; no report was written");
            }
            throw new UnreadableInput(file, "not gzip data, although its name ends in .gz: " + whatItIs());
        }
        int method = next();
        int flags = next();
        if (method != 8) {
            throw damaged("its header names compression method " + method + "; gzip has only deflate (8)");
        }
        if ((flags & RESERVED) != 0) {
            throw damaged("its header has reserved flags set");
        }
        skip(6); // time, extra flags, system
        if ((flags & FEXTRA) != 0) {
            int length = next() | next() << 8;
            skip(length);
        }
        if ((flags & FNAME) != 0) {
            skipString();
        }
        if ((flags & FCOMMENT) != 0) {
            skipString();
        }
        if ((flags & FHCRC) != 0) {
            skip(2);
        }
        members++;
        inMember = true;
        inflater.reset();
        crc.reset();
        return true;
    }

    /** The eight bytes after a member's data: the CRC-32 and the length of what it held. */
    private void trailer() throws IOException {
        long expectedCrc = readInt();
        long expectedSize = readInt();
        if (expectedCrc != crc.getValue() || expectedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new UnreadableInput(file, "the gzip data ending at byte " + offset() + " does not match its checksum: the file is "
                    + "damaged; no report was written; copy it again or use the original");
        }
        inMember = false;
    }

    private String whatItIs() {
        int length = limit; // the first block of the file is in the buffer
        return Sniff.format(buffer, length).map(format -> "it looks like " + format)
                .or(() -> Sniff.notText(buffer, length, length == size).isEmpty()
                        ? Optional.of("it looks like plain text; rename it without .gz") : Optional.empty())
                .orElse("it starts with the bytes " + Sniff.hex(buffer, length));
    }

    private long readInt() throws IOException {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (long) next() << (8 * i);
        }
        return value;
    }

    private void skip(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            next();
        }
    }

    private void skipString() throws IOException {
        while (next() != 0) {
            // the bytes of a name or a comment, up to its NUL
        }
    }

    /** The next compressed byte, or -1 at the end of the file. */
    private int readByte() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    /** The next compressed byte, which must be there: the file is truncated if it is not. */
    private int next() throws IOException {
        int b = readByte();
        if (b < 0) {
            throw truncated();
        }
        return b;
    }

    /** The next block of the compressed file into the buffer; false, and nothing changed, at its end. */
    private boolean fill() throws IOException {
        int n;
        do {
            n = raw.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        bufferStart += limit;
        position = 0;
        limit = n;
        return true;
    }

    private long offset() {
        return bufferStart + position;
    }

    private UnreadableInput truncated() {
        return new UnreadableInput(file, "the gzip data ends at byte " + (bufferStart + limit) + " (the end of the file) before it is "
                + "complete: the file looks truncated (an interrupted copy or download?); no report was written; copy it again");
    }

    private UnreadableInput damaged(String detail) {
        return new UnreadableInput(file, "the gzip data is damaged at byte " + offset() + " of the compressed file (" + detail
                + "); no report was written; copy it again or use the original");
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        raw.close();
    }
}
