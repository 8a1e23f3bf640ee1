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

    NameTable() {
        this(StandardCharsets.UTF_8);
    }

    /** Names decoded from {@code charset}, the file's encoding. */
    NameTable(java.nio.charset.Charset charset) {
        this.charset = charset;
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
