package io.tilework.engine.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.TaskKey;
import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.event.EngineEvent.CacheCorrupt;
import io.tilework.engine.event.EngineEvent.CacheHit;
import io.tilework.engine.event.EngineEvent.CacheMiss;
import io.tilework.engine.event.EngineEvent.Evicted;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("DiskChunkStore")
class DiskChunkStoreTest {

    @TempDir
    Path temp;

    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();

    private Path dir() {
        return temp.resolve("store");
    }

    private DiskChunkStore open(long quotaBytes) {
        return DiskChunkStore.open(dir(), quotaBytes, events::add);
    }

    private static TaskKey key(String chunk) {
        return TaskKey.of("test.recipe", 1, chunk);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    @DisplayName("reads and writes")
    class ReadsAndWrites {

        @Test
        @DisplayName("get after put returns the stored bytes and reports a hit")
        void get_afterPut_returnsTheStoredBytesAndReportsAHit() {
            try (var store = open(1 << 20)) {
                store.put(key("z1/x0/y0"), bytes("hello"));
                assertArrayEquals(bytes("hello"), store.get(key("z1/x0/y0")).orElseThrow());
                assertEquals(List.of(new CacheHit(key("z1/x0/y0"), 5)), events);
            }
        }

        @Test
        @DisplayName("get of an absent key is empty and reports a miss")
        void get_ofAnAbsentKey_isEmptyAndReportsAMiss() {
            try (var store = open(1 << 20)) {
                assertTrue(store.get(key("nowhere")).isEmpty());
                assertEquals(List.of(new CacheMiss(key("nowhere"))), events);
            }
        }

        @Test
        @DisplayName("an empty value is stored and read back as empty bytes, not as a miss")
        void put_ofAnEmptyValue_readsBackAsEmptyBytes() {
            try (var store = open(1 << 20)) {
                store.put(key("empty"), new byte[0]);
                assertArrayEquals(new byte[0], store.get(key("empty")).orElseThrow());
            }
        }

        @Test
        @DisplayName("a second put of a key replaces the entry and the size counts it once")
        void put_twice_replacesTheEntry() {
            try (var store = open(1 << 20)) {
                store.put(key("k"), bytes("first"));
                long size = store.sizeBytes();
                store.put(key("k"), bytes("other"));
                assertArrayEquals(bytes("other"), store.get(key("k")).orElseThrow());
                assertEquals(size, store.sizeBytes());
            }
        }

        @Test
        @DisplayName("keys with equal chunks but different recipe, version or parameters do not collide")
        void keys_differingOnlyInRecipeVersionOrParameters_doNotCollide() {
            var keys = List.of(new TaskKey("raster.slope", 1, "", "z3/x1/y2"),
                    new TaskKey("raster.aspect", 1, "", "z3/x1/y2"),
                    new TaskKey("raster.slope", 2, "", "z3/x1/y2"),
                    new TaskKey("raster.slope", 1, TaskKey.digest("scale=2"), "z3/x1/y2"));
            try (var store = open(1 << 20)) {
                keys.forEach(k -> store.put(k, bytes(k.toString())));
                keys.forEach(k -> assertArrayEquals(bytes(k.toString()), store.get(k).orElseThrow(), k.toString()));
            }
        }

        @Test
        @DisplayName("entries live in <dir>/<2 hex>/<id>.chunk beside a marker naming the layout")
        void layout_isShardedByIdAndMarked() throws IOException {
            try (var store = open(1 << 20)) {
                store.put(key("k"), bytes("v"));
                String id = key("k").id();
                assertTrue(Files.isRegularFile(dir().resolve(id.substring(0, 2)).resolve(id + ".chunk")));
                assertTrue(Files.readString(dir().resolve(StoreLayout.MARKER)).contains("layout=1"));
            }
        }

        @Test
        @DisplayName("sizeBytes counts the entry files, also when another store opens the directory")
        void sizeBytes_countsTheEntryFiles_alsoWhenReopened() throws IOException {
            try (var store = open(1 << 20)) {
                store.put(key("a"), new byte[100]);
                store.put(key("b"), new byte[200]);
                long onDisk = Files.size(store.entryPath(key("a"))) + Files.size(store.entryPath(key("b")));
                assertEquals(onDisk, store.sizeBytes());
                try (var other = open(1 << 20)) {
                    assertEquals(onDisk, other.sizeBytes());
                }
            }
        }

        @Test
        @DisplayName("a listener that throws never breaks the store")
        void listener_thatThrows_doesNotBreakTheStore() {
            try (var store = DiskChunkStore.open(dir(), 1 << 20, _ -> { throw new IllegalStateException("listener bug"); })) {
                store.put(key("k"), bytes("v"));
                assertArrayEquals(bytes("v"), store.get(key("k")).orElseThrow());
                assertTrue(store.get(key("absent")).isEmpty());
            }
        }

        @Test
        @DisplayName("a closed store refuses use, and closing twice is harmless")
        void closedStore_refusesUse() {
            var store = open(1 << 20);
            store.close();
            store.close();
            var e = assertThrows(IllegalStateException.class, () -> store.get(key("k")));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> store.put(key("k"), bytes("v")));
        }

        @Test
        @DisplayName("ChunkStore.none() keeps nothing and reports nothing")
        void none_keepsNothingAndReportsNothing() {
            try (var store = ChunkStore.none()) {
                store.put(key("k"), bytes("v"));
                assertTrue(store.get(key("k")).isEmpty());
                assertEquals(0, store.sizeBytes());
            }
        }
    }

    /** Ways an entry file can be damaged, with a word the reported reason must contain. */
    enum Damage {
        FLIPPED_PAYLOAD_BYTE("checksum") {
            @Override
            void apply(DiskChunkStore store, Path entry) throws IOException {
                byte[] file = Files.readAllBytes(entry);
                file[file.length - 1] ^= 0x01;
                Files.write(entry, file);
            }
        },
        TRUNCATED("truncated") {
            @Override
            void apply(DiskChunkStore store, Path entry) throws IOException {
                byte[] file = Files.readAllBytes(entry);
                Files.write(entry, Arrays.copyOf(file, file.length / 2));
            }
        },
        TRUNCATED_INTO_THE_HEADER("truncated") {
            @Override
            void apply(DiskChunkStore store, Path entry) throws IOException {
                Files.write(entry, Arrays.copyOf(Files.readAllBytes(entry), 10));
            }
        },
        GARBAGE("magic") {
            @Override
            void apply(DiskChunkStore store, Path entry) throws IOException {
                Files.writeString(entry, "this is not a chunk entry, only some text someone wrote here");
            }
        },
        ANOTHER_KEYS_ENTRY("holds the entry of test.recipe@1:other") {
            @Override
            void apply(DiskChunkStore store, Path entry) throws IOException {
                store.put(key("other"), bytes("other value"));
                Files.copy(store.entryPath(key("other")), entry, StandardCopyOption.REPLACE_EXISTING);
            }
        };

        final String reason;

        Damage(String reason) {
            this.reason = reason;
        }

        abstract void apply(DiskChunkStore store, Path entry) throws IOException;
    }

    @Nested
    @DisplayName("corruption")
    class Corruption {

        @ParameterizedTest(name = "{0}")
        @EnumSource(Damage.class)
        @DisplayName("a damaged entry reads as empty, is deleted and reported; a new put repairs it")
        void get_ofADamagedEntry_isEmptyDeletesItAndReportsIt(Damage damage) throws IOException {
            try (var store = open(1 << 20)) {
                store.put(key("k"), bytes("the precious value"));
                Path entry = store.entryPath(key("k"));
                damage.apply(store, entry);
                events.clear();

                assertTrue(store.get(key("k")).isEmpty());

                assertFalse(Files.exists(entry), "the corrupt file is deleted");
                assertEquals(2, events.size(), events::toString);
                var corrupt = assertInstanceOf(CacheCorrupt.class, events.get(0));
                assertEquals(key("k"), corrupt.key());
                assertTrue(corrupt.reason().contains(damage.reason), corrupt.reason());
                assertEquals(new CacheMiss(key("k")), events.get(1));

                store.put(key("k"), bytes("the precious value"));
                assertArrayEquals(bytes("the precious value"), store.get(key("k")).orElseThrow());
            }
        }

        @Test
        @DisplayName("an entry rewritten after this process verified it is verified again")
        void get_ofAnEntryRewrittenAfterVerification_verifiesItAgain() throws IOException {
            try (var store = open(1 << 20)) {
                store.put(key("k"), bytes("the precious value"));
                assertTrue(store.get(key("k")).isPresent());
                Path entry = store.entryPath(key("k"));
                FileTime verifiedTime = Files.getLastModifiedTime(entry);
                Damage.FLIPPED_PAYLOAD_BYTE.apply(store, entry);
                // Same file, same size: only the time tells. Make it differ even on coarse clocks.
                Files.setLastModifiedTime(entry, FileTime.from(verifiedTime.toInstant().minusSeconds(1)));

                assertTrue(store.get(key("k")).isEmpty());
                assertInstanceOf(CacheCorrupt.class, events.get(events.size() - 2));
            }
        }
    }

    @Nested
    @DisplayName("quota")
    class Quota {

        @Test
        @DisplayName("a put over the quota evicts the least recently read entries first, never the new one")
        void put_overTheQuota_evictsTheLeastRecentlyReadFirst() throws IOException {
            long entryBytes = EntryFormat.entryBytes(EntryFormat.keyBytes(key("a")).length, 100);
            long quota = entryBytes * 7 / 2; // room for three entries, and three are above the low-water mark
            try (var store = open(quota)) {
                for (String name : List.of("a", "b", "c")) {
                    store.put(key(name), new byte[100]);
                }
                Instant now = Instant.now();
                setAge(store, "a", now.minus(Duration.ofHours(3)));
                setAge(store, "b", now.minus(Duration.ofHours(2)));
                setAge(store, "c", now.minus(Duration.ofHours(1)));
                assertTrue(store.get(key("a")).isPresent()); // now "b" is the least recently used
                events.clear();

                store.put(key("d"), new byte[100]);

                assertEquals(List.of(new Evicted(key("b").id(), entryBytes)), events);
                assertFalse(Files.exists(store.entryPath(key("b"))));
                for (String name : List.of("a", "c", "d")) {
                    assertTrue(Files.exists(store.entryPath(key(name))), name);
                }
                assertEquals(3 * entryBytes, store.sizeBytes());
                assertTrue(store.sizeBytes() <= quota);
            }
        }

        @Test
        @DisplayName("after every put the counted size is within the quota")
        void put_manyEntries_keepsTheSizeWithinTheQuota() throws IOException {
            try (var store = open(4_000)) {
                for (int i = 0; i < 100; i++) {
                    store.put(key("k" + i), new byte[i * 7]);
                    assertTrue(store.sizeBytes() <= 4_000, () -> "size " + store.sizeBytes());
                    assertEquals(onDisk(), store.sizeBytes());
                }
                assertTrue(store.get(key("k99")).isPresent(), "the entry just written survives");
            }
        }

        @Test
        @DisplayName("an entry larger than the whole quota is not stored, and evicts nothing")
        void put_ofAnEntryLargerThanTheQuota_storesNothingAndKeepsTheOthers() {
            try (var store = open(1_000)) {
                store.put(key("small"), new byte[100]);
                long size = store.sizeBytes();
                events.clear();

                store.put(key("huge"), new byte[2_000]);

                assertTrue(events.isEmpty(), events::toString);
                assertEquals(size, store.sizeBytes());
                assertTrue(store.get(key("huge")).isEmpty());
                assertTrue(store.get(key("small")).isPresent());
            }
        }

        @Test
        @DisplayName("opening with a lower quota evicts down to it")
        void open_withALowerQuota_evictsDownToIt() throws IOException {
            try (var store = open(1 << 20)) {
                for (int i = 0; i < 10; i++) {
                    store.put(key("k" + i), new byte[500]);
                }
            }
            try (var store = open(2_000)) {
                assertTrue(store.sizeBytes() <= 2_000);
                assertEquals(onDisk(), store.sizeBytes());
                assertTrue(events.stream().anyMatch(Evicted.class::isInstance));
            }
        }

        private void setAge(DiskChunkStore store, String name, Instant time) throws IOException {
            Files.setLastModifiedTime(store.entryPath(key(name)), FileTime.from(time));
        }

        private long onDisk() throws IOException {
            try (Stream<Path> files = Files.walk(dir())) {
                return files.filter(p -> p.toString().endsWith(".chunk")).mapToLong(p -> p.toFile().length()).sum();
            }
        }
    }

    @Nested
    @DisplayName("opening")
    class Opening {

        @Test
        @DisplayName("stale temporary files are deleted on open, recent ones (maybe in use) are kept")
        void open_deletesStaleTemporaryFiles_butKeepsRecentOnes() throws IOException {
            open(1 << 20).close();
            Path shard = Files.createDirectories(dir().resolve("ab"));
            Path stale = Files.writeString(shard.resolve("ab12.chunk.4242-1-00ff.tmp"), "half an entry");
            Path staleMarker = Files.writeString(dir().resolve(StoreLayout.MARKER + ".4242-1-00ff.tmp"), "layout");
            Path recent = Files.writeString(shard.resolve("ab34.chunk.4243-1-00ff.tmp"), "being written");
            var old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
            Files.setLastModifiedTime(stale, old);
            Files.setLastModifiedTime(staleMarker, old);

            try (var store = open(1 << 20)) {
                assertFalse(Files.exists(stale));
                assertFalse(Files.exists(staleMarker));
                assertTrue(Files.exists(recent));
                assertEquals(0, store.sizeBytes(), "temporary files are not entries");
            }
        }

        @Test
        @DisplayName("a directory with a newer layout is refused with a message saying what to do")
        void open_ofANewerLayout_isRefused() throws IOException {
            Files.createDirectories(dir());
            Files.writeString(dir().resolve(StoreLayout.MARKER), "layout=7\n");
            var e = assertThrows(IllegalArgumentException.class, () -> open(1 << 20));
            assertTrue(e.getMessage().contains(dir().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("layout 7"), e.getMessage());
            assertTrue(e.getMessage().contains("newer Tilework"), e.getMessage());
        }

        @Test
        @DisplayName("a marker without a layout number is refused")
        void open_ofAnUnreadableMarker_isRefused() throws IOException {
            Files.createDirectories(dir());
            Files.writeString(dir().resolve(StoreLayout.MARKER), "hello\n");
            var e = assertThrows(IllegalArgumentException.class, () -> open(1 << 20));
            assertTrue(e.getMessage().contains("layout=<number>"), e.getMessage());
        }

        @Test
        @DisplayName("a non-empty directory that is not a store is refused, and left untouched")
        void open_ofAForeignDirectory_isRefused() throws IOException {
            Path notes = Files.writeString(Files.createDirectories(dir()).resolve("notes.txt"), "mine");
            var e = assertThrows(IllegalArgumentException.class, () -> open(1 << 20));
            assertTrue(e.getMessage().contains("not a Tilework chunk store"), e.getMessage());
            assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
            try (Stream<Path> children = Files.list(dir())) {
                assertEquals(List.of(notes), children.toList());
            }
        }

        @Test
        @DisplayName("a path that is a file is refused")
        void open_ofAFile_isRefused() throws IOException {
            Files.writeString(dir(), "a file");
            var e = assertThrows(IllegalArgumentException.class, () -> open(1 << 20));
            assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
        }

        @Test
        @DisplayName("a quota that is not positive is refused")
        void open_withANonPositiveQuota_isRefused() {
            var e = assertThrows(IllegalArgumentException.class, () -> open(0));
            assertTrue(e.getMessage().contains("ChunkStore.none()"), e.getMessage());
        }
    }
}
