package io.tilework.gdal.raster;

/**
 * Where a file keeps one block of a band, as the file's own index says: the byte offset and the
 * number of bytes stored (compressed, if the file is). Nothing here says the bytes are there.
 *
 * @param offset    the byte offset of the block's first stored byte
 * @param byteCount how many bytes the block takes in the file
 */
public record StoredBlock(long offset, long byteCount) {

    /** The offset just past the block's last byte ({@link Long#MAX_VALUE} if that overflows). */
    public long end() {
        long end = offset + byteCount;
        return end < offset ? Long.MAX_VALUE : end;
    }
}
