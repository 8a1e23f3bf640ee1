package io.tilework.sales.map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.pool.FunctionRegistry;
import io.tilework.engine.pool.TaskDescriptor;
import io.tilework.sales.generate.SalesGenerator;
import io.tilework.sales.input.FileColumns;
import io.tilework.sales.schema.SchemaFile;
import io.tilework.sales.input.LineScanner;
import io.tilework.sales.input.Split;
import io.tilework.sales.input.Splits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("a partial as bytes: every field back, compact, refused when cut or of another format; the worker's function maps alike")
class PartialCodecTest {

    @TempDir
    Path dir;

    private Path input() throws Exception {
        Path file = dir.resolve("t.csv");
        SalesGenerator.write(file, new SalesGenerator.Options(5_000, 7, 0.05), (line, reason) -> { });
        return file;
    }

    private SplitMapper mapper(Split split) {
        var schema = SchemaFile.builtIn();
        var columns = FileColumns.find(schema, List.of("transaction_id", "date", "ville", "type", "modele", "prix",
                "duree_location_mois"), "t.csv");
        return new SplitMapper(split, schema, columns, LineScanner.DEFAULT_MAX_LINE_BYTES, dir, false);
    }

    @Test
    void aMappedSplit_comesBackWhole_inFewBytes() throws Exception {
        List<Split> splits = Splits.plan(List.of(input()), 64 << 10);
        var parts = new java.util.ArrayList<Partial>();
        for (Split split : splits) {
            parts.add(mapper(split).map());
        }
        Partial merged = Partial.merge(parts);
        // a duplicate taken back leaves negative sums in a month that had none: they travel too
        CityTotals city = merged.cities.values().iterator().next();
        city.add(city.model("Nouveau"), 1, 3, 12_345, 2, -1);

        for (Partial partial : List.of(parts.get(0), merged)) {
            byte[] bytes = PartialCodec.INSTANCE.encode(partial);
            Partial back = PartialCodec.INSTANCE.decode(bytes);
            assertArrayEquals(bytes, PartialCodec.INSTANCE.encode(back), "encoded again, the same bytes");
            assertEquals(List.of(partial.lines, partial.headerLines, partial.blankLines, partial.accepted, partial.rejected),
                    List.of(back.lines, back.headerLines, back.blankLines, back.accepted, back.rejected));
            assertEquals(partial.rejectsByReason, back.rejectsByReason);
            assertEquals(partial.spellings, back.spellings);
            assertEquals(partial.splits, back.splits);
            assertEquals(partial.cities.keySet(), back.cities.keySet());
            for (var entry : partial.cities.entrySet()) {
                CityTotals a = entry.getValue();
                CityTotals b = back.cities.get(entry.getKey());
                for (long[][] pair : List.of(new long[][] {a.saleCents, b.saleCents}, new long[][] {a.saleCount, b.saleCount},
                        new long[][] {a.rentalBookedCents, b.rentalBookedCents}, new long[][] {a.rentalCount, b.rentalCount},
                        new long[][] {a.rentalRecognisedCents, b.rentalRecognisedCents})) {
                    assertArrayEquals(pair[0], pair[1], entry.getKey());
                }
                assertEquals(a.models.keySet(), b.models.keySet());
                a.models.forEach((name, m) -> {
                    CityTotals.ModelTotals n = b.models.get(name);
                    assertEquals(List.of(m.saleCount, m.saleCents, m.rentalCount, m.rentalCents, m.rentalMonths),
                            List.of(n.saleCount, n.saleCents, n.rentalCount, n.rentalCents, n.rentalMonths), name);
                });
            }
            assertEquals(partial.idRuns.size(), back.idRuns.size());
            for (int i = 0; i < partial.idRuns.size(); i++) {
                IdRun a = partial.idRuns.get(i);
                IdRun b = back.idRuns.get(i);
                assertEquals(a.file(), b.file());
                assertEquals(a.entries(), b.entries());
                assertArrayEquals(a.partitionStarts(), b.partitionStarts());
            }
            long arrays = partial.cities.size() * 5L * CityTotals.MONTHS * Long.BYTES;
            assertTrue(bytes.length * 20L < arrays, bytes.length + " bytes for " + partial.cities.size() + " cities' "
                    + arrays + " bytes of month arrays");
        }
        assertTrue(merged.cities.size() >= 3 && merged.rejected > 0 && merged.idRuns.size() == splits.size(), "a partial worth the test");
    }

    @Test
    void cutOrOfAnotherFormat_isRefused() throws Exception {
        byte[] bytes = PartialCodec.INSTANCE.encode(mapper(Splits.plan(List.of(input()), 64 << 10).get(0)).map());
        for (int cut : new int[] {0, 1, bytes.length / 2, bytes.length - 1}) {
            assertThrows(IllegalArgumentException.class, () -> PartialCodec.INSTANCE.decode(Arrays.copyOf(bytes, cut)), "cut at " + cut);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(IllegalArgumentException.class, () -> PartialCodec.INSTANCE.decode(longer));
        byte[] other = bytes.clone();
        other[0] = (byte) (PartialCodec.VERSION + 1);
        var error = assertThrows(IllegalArgumentException.class, () -> PartialCodec.INSTANCE.decode(other));
        assertTrue(error.getMessage().contains("same Tilework version"), error.getMessage());
    }

    @Test
    @DisplayName("'sales.map' is found by ServiceLoader; from the descriptor alone it maps the split as the local mapper does, "
            + "into files of its own")
    void theRemoteFunction_mapsLikeTheLocalMapper() throws Exception {
        FunctionRegistry registry = FunctionRegistry.discover();
        assertTrue(registry.names().contains(SplitMapper.FUNCTION), registry.names().toString());
        Split split = Splits.plan(List.of(input()), 64 << 10).get(1);
        SplitMapper local = mapper(split);
        Partial expected = local.map();
        var descriptor = new TaskDescriptor(SplitMapper.FUNCTION, local.parameters(), List.of());
        Partial remote = PartialCodec.INSTANCE.decode(registry.run(descriptor));

        assertEquals(expected.accepted, remote.accepted);
        assertEquals(expected.rejectsByReason, remote.rejectsByReason);
        assertEquals(expected.spellings, remote.spellings);
        Path expectedRejects = expected.splits.get(0).rejectsFile();
        Path remoteRejects = remote.splits.get(0).rejectsFile();
        assertNotEquals(expectedRejects, remoteRejects, "a run on a worker writes files of its own");
        assertEquals(Files.readString(expectedRejects), Files.readString(remoteRejects));
        assertEquals(Files.mismatch(expected.idRuns.get(0).file(), remote.idRuns.get(0).file()), -1L, "the same id run");
        assertArrayEquals(expected.idRuns.get(0).partitionStarts(), remote.idRuns.get(0).partitionStarts());
    }
}
