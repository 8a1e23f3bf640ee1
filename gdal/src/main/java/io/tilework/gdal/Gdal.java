package io.tilework.gdal;

import io.tilework.gdal.internal.CStrings;
import io.tilework.gdal.internal.Cpl;
import io.tilework.gdal.internal.ErrorQueue;
import io.tilework.gdal.internal.GdalC;
import io.tilework.gdal.internal.GdalLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GDAL library as a whole: loading, one-time initialisation, version and configuration.
 *
 * <p>Every entry point of this module calls {@link #initialize()} itself; call it directly only to
 * fail early with a clear message when GDAL is missing or too old.
 *
 * <p>GDAL keeps a block cache of its own. Tilework caches computed chunks itself, so GDAL's
 * cache is kept small and deliberate: {@value #DEFAULT_CACHE_MAX_MIB} MiB unless the system
 * property {@code tilework.gdal.cachemax} or the environment variable
 * {@code TILEWORK_GDAL_CACHEMAX} give another size in MiB. A {@code GDAL_CACHEMAX} already in
 * the environment is left to GDAL.
 */
public final class Gdal {

    /** The oldest GDAL release this binding supports. */
    public static final GdalVersion MINIMUM_VERSION = new GdalVersion(3, 4, 0);
    public static final int DEFAULT_CACHE_MAX_MIB = 64;

    private static final Logger LOG = LoggerFactory.getLogger(Gdal.class);
    /** Set once the library is loaded and its version read. */
    private static volatile GdalVersion loaded;
    /** Set once {@link #initialize()} has done everything. */
    private static volatile GdalVersion version;

    private Gdal() {
    }

    /**
     * Loads GDAL, checks its version, installs the error handler, registers all drivers and sets
     * the cache size. Idempotent and thread-safe.
     *
     * @throws GdalException if the library cannot be found or is older than {@link #MINIMUM_VERSION}
     */
    public static GdalVersion initialize() {
        GdalVersion known = version;
        if (known != null) {
            return known;
        }
        synchronized (Gdal.class) {
            if (version == null) {
                GdalVersion found = version();
                if (found.compareTo(MINIMUM_VERSION) < 0) {
                    throw new GdalException(0, "GDAL " + found + " is too old; Tilework needs GDAL "
                            + MINIMUM_VERSION + " or newer (or set " + GdalLibrary.LIBRARY_VARIABLE
                            + " to a newer library)", null, "GDALVersionInfo");
                }
                ErrorQueue.install();
                GdalC.allRegister();
                configureCache();
                LOG.debug("GDAL {} initialised, cache {} bytes", found, GdalC.getCacheMax64());
                version = found;
            }
            return version;
        }
    }

    /**
     * The version of the GDAL library, loading it if need be, but neither checking the version
     * nor registering drivers: {@code tilework --version} needs nothing more, and registering
     * GDAL's drivers is most of GDAL's own start-up time. Thread-safe.
     *
     * @throws GdalException if the library cannot be found
     */
    public static GdalVersion version() {
        GdalVersion known = loaded;
        if (known != null) {
            return known;
        }
        synchronized (Gdal.class) {
            if (loaded == null) {
                GdalLibrary.lookup();
                loaded = readVersion();
            }
            return loaded;
        }
    }

    /** GDAL's block cache size in bytes. */
    public static long cacheMaxBytes() {
        initialize();
        return GdalC.getCacheMax64();
    }

    /** Sets GDAL's block cache size in bytes. */
    public static void setCacheMaxBytes(long bytes) {
        initialize();
        GdalC.setCacheMax64(bytes);
    }

    /** Sets a configuration option for the whole process (all threads). */
    public static void setConfigOption(String key, String value) {
        initialize();
        try (Arena arena = Arena.ofConfined()) {
            Cpl.setConfigOption(arena.allocateFrom(key), CStrings.of(arena, value));
        }
    }

    /** Sets a configuration option for the calling thread only. */
    public static void setThreadLocalConfigOption(String key, String value) {
        initialize();
        try (Arena arena = Arena.ofConfined()) {
            Cpl.setThreadLocalConfigOption(arena.allocateFrom(key), CStrings.of(arena, value));
        }
    }

    /** A configuration option's value as GDAL sees it on this thread, or null. */
    public static String configOption(String key) {
        initialize();
        try (Arena arena = Arena.ofConfined()) {
            return CStrings.read(Cpl.getConfigOption(arena.allocateFrom(key), MemorySegment.NULL));
        }
    }

    private static GdalVersion readVersion() {
        try (Arena arena = Arena.ofConfined()) {
            return GdalVersion.parse(CStrings.read(GdalC.versionInfo(arena.allocateFrom("RELEASE_NAME"))));
        }
    }

    private static void configureCache() {
        String mib = System.getProperty("tilework.gdal.cachemax", System.getenv("TILEWORK_GDAL_CACHEMAX"));
        if (mib == null && System.getenv("GDAL_CACHEMAX") != null) {
            return;
        }
        long bytes = DEFAULT_CACHE_MAX_MIB;
        if (mib != null) {
            try {
                bytes = Long.parseLong(mib.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("GDAL cache size '" + mib + "' (tilework.gdal.cachemax or "
                        + "TILEWORK_GDAL_CACHEMAX) is not a whole number of MiB", e);
            }
        }
        GdalC.setCacheMax64(bytes * 1024 * 1024);
    }
}
