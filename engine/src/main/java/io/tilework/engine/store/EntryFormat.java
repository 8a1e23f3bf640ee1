package io.tilework.engine.store;

import io.tilework.engine.TaskKey;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The bytes of one entry file (store layout 1), all numbers big-endian:
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "TWCK"
 *      4     4  entry format, 1
 *      8     4  key length K
 *     12     8  payload length P
 *     20     4  CRC32C of bytes [0, 20) and [24, 24 + K + P)
 *     24     K  the key: version (int), then recipe, parameters, chunk, each an int length + UTF-8
 * 24 + K     P  the payload
 * </pre>
 *
 * <p>The key is stored in full, not only as the file name's hash, so that a SHA-256 collision of
 * {@link TaskKey#id()} or a file copied or moved to the wrong name is caught instead of served.
 * Its strings are readable in a hex dump; their length prefixes make the comparison exact.
 *
 * <p>Why CRC32C: the JDK computes it with the CPU's CRC instructions at several GB/s, so checking
 * an entry costs less than reading it, and it catches what a cache on disk meets — truncation, a
 * torn or lost write after a crash, bit rot, stray edits — with certainty for bursts up to 32 bits
 * and with probability 1 - 2<sup>-32</sup> otherwise. A cryptographic hash would defend against
 * deliberate forgery, which is outside this store's threat model (only the engine writes it), at
 * several times the cost.
 *
 * <p>The entry format belongs to the layout: a new entry format comes with a new layout version
 * (see {@link StoreLayout}), so older processes refuse the directory instead of deleting entries
 * they cannot read. Within a layout, any other format number is corruption.
 */
final class EntryFormat {

    static final int HEADER_BYTES = 24;
    static final int FORMAT = 1;
    private static final int MAGIC = 0x5457434B; // "TWCK"
    private static final int CRC_OFFSET = 20;

    private EntryFormat() {
    }

    /** The stored form of a key. */
    static byte[] keyBytes(TaskKey key) {
        byte[][] parts = {utf8(key.recipe()), utf8(key.parameters()), utf8(key.chunk())};
        var buffer = ByteBuffer.allocate(4 + Arrays.stream(parts).mapToInt(p -> 4 + p.length).sum());
        buffer.putInt(key.version());
        for (byte[] part : parts) {
            buffer.putInt(part.length).put(part);
        }
        return buffer.array();
    }

    /** The size of the file holding this key and payload. */
    static long entryBytes(int keyLength, int payloadLength) {
        return (long) HEADER_BYTES + keyLength + payloadLength;
    }

    /** Header, key and payload, ready for a gathering write. */
    static ByteBuffer[] encode(byte[] keyBytes, byte[] payload) {
        var header = ByteBuffer.allocate(HEADER_BYTES)
                .putInt(MAGIC).putInt(FORMAT).putInt(keyBytes.length).putLong(payload.length);
        var crc = new CRC32C();
        crc.update(header.array(), 0, CRC_OFFSET);
        crc.update(keyBytes);
        crc.update(payload);
        header.putInt((int) crc.getValue()).flip();
        return new ByteBuffer[] {header, ByteBuffer.wrap(keyBytes), ByteBuffer.wrap(payload)};
    }

    /**
     * The payload of an entry file, after checking that it is whole, that it holds {@code expected}
     * and, if {@code verifyChecksum}, that its checksum matches.
     *
     * @throws CorruptEntryException saying what is wrong, in words fit for a log
     */
    static byte[] payload(byte[] file, TaskKey expected, boolean verifyChecksum) throws CorruptEntryException {
        if (file.length < HEADER_BYTES) {
            throw new CorruptEntryException("truncated: " + file.length + " bytes, shorter than the "
                    + HEADER_BYTES + "-byte header");
        }
        var header = ByteBuffer.wrap(file, 0, HEADER_BYTES);
        int magic = header.getInt();
        if (magic != MAGIC) {
            throw new CorruptEntryException("not a chunk entry: magic 0x%08x instead of 0x%08x".formatted(magic, MAGIC));
        }
        int format = header.getInt();
        if (format != FORMAT) {
            throw new CorruptEntryException("unknown entry format " + format + " in a layout using format " + FORMAT);
        }
        int keyLength = header.getInt();
        long payloadLength = header.getLong();
        int storedCrc = header.getInt();
        if (keyLength < 0 || payloadLength < 0 || entryBytes(keyLength, 0) + payloadLength != file.length) {
            throw new CorruptEntryException("truncated or overlong: the header promises a %d-byte key and a %d-byte payload, the file has %d bytes"
                    .formatted(keyLength, payloadLength, file.length));
        }
        if (verifyChecksum) {
            var crc = new CRC32C();
            crc.update(file, 0, CRC_OFFSET);
            crc.update(file, HEADER_BYTES, file.length - HEADER_BYTES);
            if ((int) crc.getValue() != storedCrc) {
                throw new CorruptEntryException("checksum mismatch: CRC32C 0x%08x stored, 0x%08x computed"
                        .formatted(storedCrc, (int) crc.getValue()));
            }
        }
        byte[] key = keyBytes(expected);
        if (!Arrays.equals(file, HEADER_BYTES, HEADER_BYTES + keyLength, key, 0, key.length)) {
            throw new CorruptEntryException("holds the entry of " + describeKey(file, keyLength)
                    + ", not of " + expected + " (a misplaced file or an id collision)");
        }
        return Arrays.copyOfRange(file, HEADER_BYTES + keyLength, file.length);
    }

    private static String describeKey(byte[] file, int keyLength) {
        try {
            var buffer = ByteBuffer.wrap(file, HEADER_BYTES, keyLength);
            int version = buffer.getInt();
            return new TaskKey(string(buffer), version, string(buffer), string(buffer)).toString();
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return "an unreadable key";
        }
    }

    private static String string(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An entry file that must not be served; the message says why. */
    static final class CorruptEntryException extends Exception {

        CorruptEntryException(String reason) {
            super(reason, null, false, false); // an expected outcome: no stack trace needed
        }
    }
}
