package io.tilework.gdal.internal;

import io.tilework.gdal.GdalException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds and loads the GDAL shared library once per JVM.
 *
 * <p>GDAL's soname changes with every minor release ({@code libgdal.so.30} is 3.4,
 * {@code .32} is 3.6 on Debian 12, {@code .36} is 3.10), so the loader tries the versioned names
 * from newest to oldest, then the unversioned development name. {@code TILEWORK_GDAL_LIBRARY}
 * (a file path or a library name) overrides the search.
 */
public final class GdalLibrary {

    /** Environment variable that names the library to load instead of searching. */
    public static final String LIBRARY_VARIABLE = "TILEWORK_GDAL_LIBRARY";

    private static final int OLDEST_SONAME = 30; // GDAL 3.4
    private static final int NEWEST_SONAME = 40;

    private static final Linker LINKER = Linker.nativeLinker();
    private static volatile SymbolLookup lookup;

    private GdalLibrary() {
    }

    /** The loaded library; loads it on first use. */
    public static SymbolLookup lookup() {
        SymbolLookup loaded = lookup;
        if (loaded == null) {
            synchronized (GdalLibrary.class) {
                loaded = lookup;
                if (loaded == null) {
                    loaded = load(System.getenv(LIBRARY_VARIABLE));
                    lookup = loaded;
                }
            }
        }
        return loaded;
    }

    /** A downcall handle for a GDAL C function. */
    public static MethodHandle function(String name, FunctionDescriptor descriptor) {
        MemorySegment address = lookup().find(name).orElseThrow(() -> new GdalException(0,
                "the GDAL library has no function " + name + "; Tilework needs GDAL 3.4 or newer", null, name));
        return LINKER.downcallHandle(address, descriptor);
    }

    /** A function that only newer GDAL versions have. */
    public static Optional<MethodHandle> optionalFunction(String name, FunctionDescriptor descriptor) {
        return lookup().find(name).map(address -> LINKER.downcallHandle(address, descriptor));
    }

    static Linker linker() {
        return LINKER;
    }

    private static SymbolLookup load(String override) {
        List<String> candidates = override != null && !override.isBlank() ? List.of(override) : candidateNames();
        var failures = new ArrayList<String>();
        for (String candidate : candidates) {
            try {
                return SymbolLookup.libraryLookup(candidate, Arena.global());
            } catch (IllegalArgumentException notFound) {
                failures.add(candidate);
            }
        }
        String how = override != null && !override.isBlank()
                ? "check the path in " + LIBRARY_VARIABLE + " points to a GDAL shared library"
                : "install GDAL 3.4 or newer (Debian/Ubuntu: sudo apt-get install gdal-bin), "
                        + "or set " + LIBRARY_VARIABLE + " to the library's path";
        throw new GdalException(0, "cannot load the GDAL library; tried " + String.join(", ", failures) + "; " + how,
                null, "dlopen");
    }

    private static List<String> candidateNames() {
        var names = new ArrayList<String>();
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        for (int soname = NEWEST_SONAME; soname >= OLDEST_SONAME; soname--) {
            names.add(mac ? "libgdal." + soname + ".dylib" : "libgdal.so." + soname);
        }
        names.add(mac ? "libgdal.dylib" : "libgdal.so");
        return names;
    }
}
