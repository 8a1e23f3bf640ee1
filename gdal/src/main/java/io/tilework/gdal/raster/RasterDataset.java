package io.tilework.gdal.raster;

import io.tilework.gdal.Gdal;
import io.tilework.gdal.GdalException;
import io.tilework.gdal.GdalVersion;
import io.tilework.gdal.internal.CStrings;
import io.tilework.gdal.internal.Datasets;
import io.tilework.gdal.internal.ErrorQueue;
import io.tilework.gdal.internal.GdalC;
import io.tilework.gdal.internal.NativeHandle;
import io.tilework.gdal.srs.SpatialReference;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A raster dataset opened through GDAL: metadata, windowed reads and writes, creation.
 *
 * <p><b>Threads.</b> A handle must be used by one thread at a time; GDAL 3.6 corrupts reads when
 * threads share one. To read one file from several threads, give each thread its own handle,
 * most simply through a {@link DatasetPool}.
 *
 * <p><b>Buffers.</b> Pixels travel band-sequential: band after band, each row-major. Reads into a
 * {@link MemorySegment} go straight to native memory; reads into Java arrays pass through a
 * native buffer (FFM cannot hand a heap array to a native call that may call back into Java).
 */
public final class RasterDataset extends NativeHandle {

    private static final int GF_READ = 0;
    private static final int GF_WRITE = 1;
    private static final int CE_NONE = 0;
    /** sizeof(GDALRasterIOExtraArg) is 64 bytes in version 1; allocate room for later versions. */
    private static final long EXTRA_ARG_BYTES = 96;
    private static final GdalVersion FIRST_WITH_INT8 = new GdalVersion(3, 7, 0);

    private RasterDataset(MemorySegment handle, String name) {
        super(handle, name);
    }

    /** Opens a raster read-only. */
    public static RasterDataset open(Path path) {
        return open(path.toString(), false, Map.of());
    }

    /** Opens a raster read-only or for update. */
    public static RasterDataset open(Path path, boolean update) {
        return open(path.toString(), update, Map.of());
    }

    /**
     * Opens a raster by GDAL dataset name (a path, a {@code /vsi...} name, a connection string)
     * with driver open options ({@code -oo}).
     */
    public static RasterDataset open(String name, boolean update, Map<String, String> openOptions) {
        Gdal.initialize();
        int flags = Datasets.OF_RASTER | (update ? Datasets.OF_UPDATE : 0);
        return new RasterDataset(Datasets.open(name, flags, openOptions), name);
    }

    /**
     * The long name of the GDAL raster driver that recognises {@code file} by its first bytes (or
     * its name), e.g. "GeoTIFF", without opening it; empty when none does. A file a driver
     * recognises but cannot open is damaged, not of an unknown format.
     */
    public static Optional<String> recognisedAs(Path file) {
        Gdal.initialize();
        try (Arena arena = Arena.ofConfined()) {
            ErrorQueue.clear();
            MemorySegment driver = GdalC.identifyDriver(arena.allocateFrom(file.toString()), MemorySegment.NULL);
            ErrorQueue.clear();
            if (driver.equals(MemorySegment.NULL)
                    || !"YES".equalsIgnoreCase(CStrings.read(GdalC.getMetadataItem(driver, arena.allocateFrom("DCAP_RASTER"), MemorySegment.NULL)))) {
                return Optional.empty();
            }
            return Optional.ofNullable(CStrings.read(GdalC.getDriverLongName(driver)));
        }
    }

    /** Creates a raster with any driver that supports {@code Create} (GTiff, MEM, ENVI, ...). */
    public static RasterDataset create(String driver, String name, RasterSpec spec, Map<String, String> options) {
        Gdal.initialize();
        MemorySegment driverHandle = Datasets.driver(driver);
        DataType type = spec.dataType();
        if (type == DataType.INT8 && int8AsByte()) {
            type = DataType.BYTE;
            options = new java.util.LinkedHashMap<>(options);
            options.put("PIXELTYPE", "SIGNEDBYTE");
        }
        try (Arena arena = Arena.ofConfined()) {
            ErrorQueue.clear();
            MemorySegment handle = GdalC.create(driverHandle, arena.allocateFrom(name), spec.width(), spec.height(),
                    spec.bandCount(), type.code(), CStrings.nameValueList(arena, options));
            if (handle.equals(MemorySegment.NULL)) {
                throw ErrorQueue.failure(name, "GDALCreate(" + driver + ")");
            }
            ErrorQueue.clear();
            return new RasterDataset(handle, name);
        }
    }

    /** Creates a GeoTIFF. */
    public static RasterDataset createGeoTiff(Path path, RasterSpec spec, GeoTiffOptions options) {
        return create("GTiff", path.toString(), spec, options.toCreationOptions());
    }

    /** Creates an in-memory raster (GDAL's MEM driver). */
    public static RasterDataset createInMemory(RasterSpec spec) {
        return create("MEM", "", spec, Map.of());
    }

    /**
     * Copies this raster into a new file with a driver that supports {@code CreateCopy}, such as
     * "COG" (cloud-optimised GeoTIFF) or "PNG", and returns the new dataset.
     */
    public RasterDataset copyTo(String driver, Path target, Map<String, String> options) {
        MemorySegment driverHandle = Datasets.driver(driver);
        try (Arena arena = Arena.ofConfined()) {
            ErrorQueue.clear();
            MemorySegment handle = GdalC.createCopy(driverHandle, arena.allocateFrom(target.toString()), pointer(), 0,
                    CStrings.nameValueList(arena, options), MemorySegment.NULL, MemorySegment.NULL);
            if (handle.equals(MemorySegment.NULL)) {
                throw ErrorQueue.failure(target.toString(), "GDALCreateCopy(" + driver + ") from " + name());
            }
            ErrorQueue.clear();
            return new RasterDataset(handle, target.toString());
        }
    }

    public int width() {
        return GdalC.getRasterXSize(pointer());
    }

    public int height() {
        return GdalC.getRasterYSize(pointer());
    }

    public int bandCount() {
        return GdalC.getRasterCount(pointer());
    }

    /** The short name of the driver that opened this dataset, e.g. "GTiff". */
    public String driverName() {
        return Datasets.driverName(pointer());
    }

    /** Pixel type, nodata, block size and overview count of band {@code index} (1-based). */
    public BandInfo band(int index) {
        MemorySegment band = bandHandle(index);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment success = arena.allocate(ValueLayout.JAVA_INT);
            double noData = GdalC.getRasterNoDataValue(band, success);
            MemorySegment blockX = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment blockY = arena.allocate(ValueLayout.JAVA_INT);
            GdalC.getBlockSize(band, blockX, blockY);
            return new BandInfo(index, signed(band, DataType.fromCode(GdalC.getRasterDataType(band))),
                    success.get(ValueLayout.JAVA_INT, 0) != 0 ? OptionalDouble.of(noData) : OptionalDouble.empty(),
                    blockX.get(ValueLayout.JAVA_INT, 0), blockY.get(ValueLayout.JAVA_INT, 0),
                    GdalC.getOverviewCount(band));
        }
    }

    /**
     * A metadata item of the dataset, e.g. {@code ("INTERLEAVE", "IMAGE_STRUCTURE")}; empty when
     * the driver has none of that name. {@code domain} null is the default domain.
     */
    public Optional<String> metadataItem(String name, String domain) {
        return metadataItem(pointer(), name, domain);
    }

    /** A metadata item of band {@code band} (1-based), e.g. {@code ("NBITS", "IMAGE_STRUCTURE")}. */
    public Optional<String> metadataItem(int band, String name, String domain) {
        return metadataItem(bandHandle(band), name, domain);
    }

    /**
     * Where the file keeps block ({@code column}, {@code row}) of band {@code band} (1-based),
     * as its index says, without reading the block: GDAL's GeoTIFF driver tells ({@code
     * BLOCK_OFFSET_x_y} and {@code BLOCK_SIZE_x_y} in the "TIFF" domain), other drivers do not.
     * Empty for another driver, a block outside the band, or one the file does not store (a
     * sparse block, read as nodata or zero).
     *
     * @throws GdalException if the index itself cannot be read (GDAL loads parts of it on demand)
     */
    public Optional<StoredBlock> storedBlock(int band, int column, int row) {
        MemorySegment handle = bandHandle(band);
        String where = "_" + column + "_" + row;
        Optional<String> offset = metadataItem(handle, "BLOCK_OFFSET" + where, "TIFF");
        Optional<String> size = offset.isEmpty() ? Optional.empty() : metadataItem(handle, "BLOCK_SIZE" + where, "TIFF");
        if (offset.isEmpty() || size.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StoredBlock(unsigned(offset.get()), unsigned(size.get())));
        } catch (NumberFormatException e) {
            return Optional.empty(); // a driver that answers these names otherwise
        }
    }

    /** GDAL's unsigned 64-bit decimal; past {@link Long#MAX_VALUE} as that (past any file's end anyway). */
    private static long unsigned(String decimal) {
        long value = Long.parseUnsignedLong(decimal.strip());
        return value < 0 ? Long.MAX_VALUE : value;
    }

    private Optional<String> metadataItem(MemorySegment object, String name, String domain) {
        try (Arena arena = Arena.ofConfined()) {
            ErrorQueue.clear();
            String value = CStrings.read(GdalC.getMetadataItem(object, arena.allocateFrom(name), CStrings.of(arena, domain)));
            ErrorQueue.check(name(), "GDALGetMetadataItem(" + name + ")");
            return Optional.ofNullable(value);
        }
    }

    /** Pixel type of band {@code index} (1-based). */
    public DataType dataType(int index) {
        MemorySegment band = bandHandle(index);
        return signed(band, DataType.fromCode(GdalC.getRasterDataType(band)));
    }

    /** The geotransform, or empty when the raster is not georeferenced by one. */
    public Optional<GeoTransform> geoTransform() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment coefficients = arena.allocate(ValueLayout.JAVA_DOUBLE, 6);
            ErrorQueue.clear();
            boolean found = GdalC.getGeoTransform(pointer(), coefficients) == CE_NONE;
            ErrorQueue.clear();
            return found ? Optional.of(GeoTransform.of(coefficients.toArray(ValueLayout.JAVA_DOUBLE)))
                    : Optional.empty();
        }
    }

    public void setGeoTransform(GeoTransform transform) {
        try (Arena arena = Arena.ofConfined()) {
            ErrorQueue.clear();
            if (GdalC.setGeoTransform(pointer(), arena.allocateFrom(ValueLayout.JAVA_DOUBLE, transform.toArray())) != CE_NONE) {
                throw ErrorQueue.failure(name(), "GDALSetGeoTransform");
            }
        }
    }

    /** The CRS, or empty when the raster has none. The caller closes it. */
    public Optional<SpatialReference> spatialReference() {
        return Optional.ofNullable(SpatialReference.copyOf(GdalC.getSpatialRef(pointer())));
    }

    public void setSpatialReference(SpatialReference srs) {
        ErrorQueue.clear();
        if (GdalC.setSpatialRef(pointer(), srs.pointer()) != CE_NONE) {
            throw ErrorQueue.failure(name(), "GDALSetSpatialRef");
        }
    }

    /** The CRS as multi-line WKT 2 (as {@code gdalinfo} prints it), or "" when there is none. */
    public String crsWkt() {
        return spatialReference().map(srs -> {
            try (srs) {
                return srs.toWkt2();
            }
        }).orElse("");
    }

    /** The CRS's EPSG code when known. */
    public OptionalInt epsgCode() {
        return spatialReference().map(srs -> {
            try (srs) {
                return srs.epsgCode();
            }
        }).orElse(OptionalInt.empty());
    }

    public void setNoData(int band, double value) {
        ErrorQueue.clear();
        if (GdalC.setRasterNoDataValue(bandHandle(band), value) != CE_NONE) {
            throw ErrorQueue.failure(name(), "GDALSetRasterNoDataValue(band " + band + ")");
        }
    }

    /**
     * Reads {@code window} of {@code bands} into native memory, band-sequential, resampled to
     * {@code bufferWidth} x {@code bufferHeight} when that differs from the window.
     */
    public void read(Window window, int[] bands, DataType type, MemorySegment buffer,
                     int bufferWidth, int bufferHeight, Resampling resampling) {
        io(GF_READ, window, bands, type, buffer, bufferWidth, bufferHeight, resampling);
    }

    /** Reads one band's window into a Java array of {@code type}'s carrier, at full resolution. */
    public void read(Window window, int band, DataType type, Object array) {
        read(window, new int[] {band}, type, array, window.width(), window.height(), Resampling.NEAREST);
    }

    /** Reads into a Java array, band-sequential, resampled to the buffer size. */
    public void read(Window window, int[] bands, DataType type, Object array,
                     int bufferWidth, int bufferHeight, Resampling resampling) {
        long values = checkArray(type, array, (long) bufferWidth * bufferHeight * bands.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(values * type.bytes(), 8);
            io(GF_READ, window, bands, type, buffer, bufferWidth, bufferHeight, resampling);
            MemorySegment.copy(buffer, 0, PixelArrays.segment(array), 0, buffer.byteSize());
        }
    }

    /** Writes {@code window} of {@code bands} from native memory, band-sequential. */
    public void write(Window window, int[] bands, DataType type, MemorySegment buffer) {
        io(GF_WRITE, window, bands, type, buffer, window.width(), window.height(), Resampling.NEAREST);
    }

    /** Writes one band's window from a Java array of {@code type}'s carrier. */
    public void write(Window window, int band, DataType type, Object array) {
        long values = checkArray(type, array, window.pixelCount());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(values * type.bytes(), 8);
            MemorySegment.copy(PixelArrays.segment(array), 0, buffer, 0, buffer.byteSize());
            write(window, new int[] {band}, type, buffer);
        }
    }

    /** Writes cached blocks to the file; errors surface here rather than at close. */
    public void flush() {
        ErrorQueue.clear();
        GdalC.flushCache(pointer());
        ErrorQueue.check(name(), "GDALFlushCache");
    }

    @Override
    public String toString() {
        return "RasterDataset[" + name() + "]";
    }

    @Override
    protected void release(MemorySegment handle) {
        Datasets.close(handle, name());
    }

    private MemorySegment bandHandle(int index) {
        int count = bandCount();
        if (index < 1 || index > count) {
            throw new IndexOutOfBoundsException(name() + ": band " + index + " does not exist; bands are 1.." + count);
        }
        return GdalC.getRasterBand(pointer(), index);
    }

    private void io(int direction, Window window, int[] bands, DataType type, MemorySegment buffer,
                    int bufferWidth, int bufferHeight, Resampling resampling) {
        if (!window.fitsIn(width(), height())) {
            throw new IndexOutOfBoundsException(name() + ": " + window + " is outside the raster (" + width() + "x"
                    + height() + ")");
        }
        if (bufferWidth <= 0 || bufferHeight <= 0) {
            throw new IllegalArgumentException("buffer size must be positive: " + bufferWidth + "x" + bufferHeight);
        }
        if (type.carrier() == null) {
            throw new IllegalArgumentException("pixel type " + type.gdalName() + " cannot be read or written");
        }
        for (int band : bands) {
            bandHandle(band);
        }
        long needed = (long) bufferWidth * bufferHeight * bands.length * type.bytes();
        if (buffer.byteSize() < needed) {
            throw new IllegalArgumentException("buffer of " + buffer.byteSize() + " bytes is too small for "
                    + bufferWidth + "x" + bufferHeight + "x" + bands.length + " " + type.gdalName() + " (" + needed + ")");
        }
        int ioType = type == DataType.INT8 && int8AsByte() ? DataType.BYTE.code() : type.code();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bandMap = arena.allocateFrom(ValueLayout.JAVA_INT, bands);
            MemorySegment extra = arena.allocate(EXTRA_ARG_BYTES, 8);
            extra.set(ValueLayout.JAVA_INT, 0, 1); // nVersion
            extra.set(ValueLayout.JAVA_INT, 4, resampling.code());
            ErrorQueue.clear();
            int result = GdalC.datasetRasterIOEx(pointer(), direction, window.x(), window.y(), window.width(),
                    window.height(), buffer, bufferWidth, bufferHeight, ioType, bands.length, bandMap, 0, 0, 0, extra);
            if (result != CE_NONE) {
                throw ErrorQueue.failure(name() + " (" + window + ")",
                        direction == GF_READ ? "GDALDatasetRasterIOEx read" : "GDALDatasetRasterIOEx write");
            }
            ErrorQueue.clear();
        }
    }

    private static long checkArray(DataType type, Object array, long expected) {
        PixelArrays.checkCarried(type, array);
        long length = java.lang.reflect.Array.getLength(array);
        if (length < expected) {
            throw new IllegalArgumentException("array of " + length + " values is too small; need " + expected);
        }
        return expected;
    }

    /** Before GDAL 3.7, Int8 is a Byte band marked {@code PIXELTYPE=SIGNEDBYTE}: its bits travel as Byte. */
    private static boolean int8AsByte() {
        return Gdal.initialize().compareTo(FIRST_WITH_INT8) < 0;
    }

    /** {@code type}, or Int8 for a Byte band marked as signed (GDAL before 3.7). */
    private DataType signed(MemorySegment band, DataType type) {
        if (type == DataType.BYTE && "SIGNEDBYTE".equals(metadataItem(band, "PIXELTYPE", "IMAGE_STRUCTURE").orElse(null))) {
            return DataType.INT8;
        }
        return type;
    }
}
