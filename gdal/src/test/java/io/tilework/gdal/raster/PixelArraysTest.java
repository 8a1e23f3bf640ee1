package io.tilework.gdal.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("pixel arrays: conversions equal GDAL's own, values read as their type, little-endian both ways")
class PixelArraysTest {

    /** Halves, both signs, beyond every range, NaN, infinities: where rounding and clamping rules differ. */
    private static final double[] AWKWARD = {-0.5, 0.5, 1.5, 2.5, 254.5, 255.5, Double.NaN, -1.5, -2.5, 0.49999997, 1e10, -1e10,
            3.7, -3.7, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 32767.5, -32768.5, 65535.5, 127.5, -128.5, 4294967295.5};

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"BYTE", "INT8", "UINT16", "INT16", "UINT32", "INT32", "FLOAT32", "FLOAT64"})
    @DisplayName("Float32 and Float64 values stored in each type equal GDAL's read of them as that type")
    void conversionsEqualGdal(DataType target) {
        for (DataType source : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            Object values = PixelArrays.convert(AWKWARD, DataType.FLOAT64, source);
            Object ours = PixelArrays.convert(values, source, target);
            Object gdals = PixelArrays.allocate(target, AWKWARD.length);
            try (RasterDataset memory = RasterDataset.createInMemory(new RasterSpec(AWKWARD.length, 1, 1, source))) {
                memory.write(Window.of(AWKWARD.length, 1), 1, source, values);
                memory.read(Window.of(AWKWARD.length, 1), 1, target, gdals);
            }
            if (target == DataType.INT8 && io.tilework.gdal.Gdal.initialize().compareTo(new io.tilework.gdal.GdalVersion(3, 7, 0)) < 0) {
                // before GDAL 3.7 there is no Int8 read to compare with: the same values read as Int16, clamped to Int8's range
                short[] wide = new short[AWKWARD.length];
                try (RasterDataset memory = RasterDataset.createInMemory(new RasterSpec(AWKWARD.length, 1, 1, source))) {
                    memory.write(Window.of(AWKWARD.length, 1), 1, source, values);
                    memory.read(Window.of(AWKWARD.length, 1), 1, DataType.INT16, wide);
                }
                for (int i = 0; i < wide.length; i++) {
                    ((byte[]) gdals)[i] = (byte) Math.clamp(wide[i], Byte.MIN_VALUE, Byte.MAX_VALUE);
                }
            }
            assertTrue(Objects.deepEquals(gdals, ours), source + " -> " + target + ": ours "
                    + java.util.Arrays.toString(doubles(ours, target)) + ", GDAL's " + java.util.Arrays.toString(doubles(gdals, target)));
        }
    }

    @Test
    @DisplayName("unsigned types read as unsigned, Int8 as signed; a fill is the value as the type stores it")
    void valuesAsTheirType() {
        assertEquals(255, PixelArrays.get(new byte[] {-1}, DataType.BYTE, 0));
        assertEquals(-1, PixelArrays.get(new byte[] {-1}, DataType.INT8, 0));
        assertEquals(65535, PixelArrays.get(new short[] {-1}, DataType.UINT16, 0));
        assertEquals(4294967295.0, PixelArrays.get(new int[] {-1}, DataType.UINT32, 0));
        assertEquals(32767, PixelArrays.get(PixelArrays.filled(DataType.INT16, 3, 1e20), DataType.INT16, 2));
        assertEquals(0, ((byte[]) PixelArrays.filled(DataType.BYTE, 5, -4))[4]);
    }

    @Test
    @DisplayName("little-endian bytes: written and read back to the same values, low byte first")
    void littleEndianRoundTrip() {
        int[] values = {0x01020304, -2};
        byte[] bytes = new byte[8];
        PixelArrays.toLittleEndian(values, MemorySegment.ofArray(bytes), 0);
        assertEquals(4, bytes[0]);
        assertEquals(1, bytes[3]);
        int[] back = new int[2];
        PixelArrays.fromLittleEndian(MemorySegment.ofArray(bytes), 0, back);
        assertTrue(java.util.Arrays.equals(values, back));
    }

    private static double[] doubles(Object array, DataType type) {
        double[] out = new double[PixelArrays.length(array)];
        for (int i = 0; i < out.length; i++) {
            out[i] = PixelArrays.get(array, type, i);
        }
        return out;
    }
}
