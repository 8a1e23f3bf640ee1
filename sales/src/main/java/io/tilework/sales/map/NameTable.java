package io.tilework.sales.map;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Distinct byte strings (city or model spellings) numbered in order of first appearance, looked
 * up without making a String per row: a split sees millions of rows but a few dozen names.
 */
final class NameTable {

    private byte[][] keys = new byte[64][];
    private int[] ids = new int[64];
    private final List<String> names = new ArrayList<>();
    private final java.nio.charset.Charset charset;
    /** Finds the first byte of a name that is not text in the file's encoding (-1: none); null: not checked. */
    private final java.util.function.ToIntFunction<byte[]> check;
    /** Per name: where its first bad byte is, or -1. */
    private int[] badAt = new int[64];

    NameTable() {
        this(StandardCharsets.UTF_8, null);
    }

    /**
     * Names decoded from {@code charset}, the file's encoding; each new name checked by {@code check} once (a split
     * sees a few dozen names in millions of rows: checking names, not rows, costs nothing).
     */
    NameTable(java.nio.charset.Charset charset, java.util.function.ToIntFunction<byte[]> check) {
        this.charset = charset;
        this.check = check;
    }

    /** Where name {@code id}'s first byte that is not text in the file's encoding is, or -1. */
    int badAt(int id) {
        return badAt[id];
    }

    /** The number of {@code bytes[from, to)}, added if new. */
    int id(byte[] bytes, int from, int to) {
        int hash = hash(bytes, from, to);
        int mask = keys.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            byte[] key = keys[slot];
            if (key == null) {
                return add(slot, Arrays.copyOfRange(bytes, from, to));
            }
            if (Arrays.equals(key, 0, key.length, bytes, from, to)) {
                return ids[slot];
            }
        }
    }

    private int add(int slot, byte[] key) {
        int id = names.size();
        keys[slot] = key;
        ids[slot] = id;
        names.add(new String(key, charset));
        if (id == badAt.length) {
            badAt = Arrays.copyOf(badAt, id * 2);
        }
        badAt[id] = check == null ? -1 : check.applyAsInt(key);
        if (names.size() * 2 > keys.length) {
            grow();
        }
        return id;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldIds = ids;
        keys = new byte[oldKeys.length * 2][];
        ids = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = hash(oldKeys[i], 0, oldKeys[i].length) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                ids[slot] = oldIds[i];
            }
        }
    }

    String name(int id) {
        return names.get(id);
    }

    int size() {
        return names.size();
    }

    private static int hash(byte[] bytes, int from, int to) {
        return (int) RowParser.hash(bytes, from, to); // eight bytes at a time: every row looks up two names
    }
}
