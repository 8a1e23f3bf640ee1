package io.tilework.gdal;

/**
 * A GDAL call failed. Carries GDAL's error number ({@code CPLErrorNum}), GDAL's own message, the
 * file or dataset concerned and the C function that failed, so a user can see what went wrong and
 * where without reading a native log.
 */
public final class GdalException extends RuntimeException {

    private final int errorNumber;
    private final String file;
    private final String call;

    public GdalException(int errorNumber, String gdalMessage, String file, String call) {
        super(describe(errorNumber, gdalMessage, file, call));
        this.errorNumber = errorNumber;
        this.file = file;
        this.call = call;
    }

    /** GDAL's {@code CPLErrorNum}, e.g. 4 for {@code CPLE_OpenFailed}; 0 when GDAL gave none. */
    public int errorNumber() {
        return errorNumber;
    }

    /** The file or dataset name the failed call was about, or {@code null} if none. */
    public String file() {
        return file;
    }

    /**
     * Whether the data or the environment is at fault (a file GDAL cannot open or read, a format or
     * option it does not support, no write access, a missing or old GDAL library), which the user
     * can fix, rather than a misuse of GDAL by Tilework (an assertion or a null object inside
     * GDAL, an illegal argument Tilework passed), which is a defect.
     */
    public boolean causedByInput() {
        return switch (errorNumber) {
            case 5, 7, 10 -> false; // IllegalArg, AssertionFailed, ObjectNull: what Tilework passed
            default -> true;
        };
    }

    /** The GDAL C function that failed. */
    public String call() {
        return call;
    }

    private static String describe(int errorNumber, String message, String file, String call) {
        var text = new StringBuilder();
        if (file != null) {
            text.append(file).append(": ");
        }
        text.append(message == null || message.isBlank() ? "GDAL reported a failure without a message" : message.strip());
        text.append(" (").append(call);
        if (errorNumber != 0) {
            text.append(", GDAL error ").append(errorNumber).append(' ').append(errorName(errorNumber));
        }
        return text.append(')').toString();
    }

    private static String errorName(int number) {
        return switch (number) {
            case 1 -> "AppDefined";
            case 2 -> "OutOfMemory";
            case 3 -> "FileIO";
            case 4 -> "OpenFailed";
            case 5 -> "IllegalArg";
            case 6 -> "NotSupported";
            case 7 -> "AssertionFailed";
            case 8 -> "NoWriteAccess";
            case 9 -> "UserInterrupt";
            case 10 -> "ObjectNull";
            default -> "#" + number;
        };
    }
}
