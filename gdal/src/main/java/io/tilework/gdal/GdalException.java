package io.tilework.gdal;

import java.util.List;

/**
 * A GDAL call failed. Carries GDAL's error number ({@code CPLErrorNum}), GDAL's own message, the
 * file or dataset concerned and the C function that failed, so a user can see what went wrong and
 * where without reading a native log.
 */
public final class GdalException extends RuntimeException {

    /** The most of GDAL's text a message carries: a damaged file can make GDAL say a lot, or quote its bytes. */
    static final int MAX_GDAL_TEXT = 400;

    private final int errorNumber;
    private final List<String> gdalMessages;
    private final String file;
    private final String call;

    public GdalException(int errorNumber, String gdalMessage, String file, String call) {
        this(errorNumber, gdalMessage == null || gdalMessage.isBlank() ? List.of() : List.of(gdalMessage), file, call);
    }

    /**
     * @param gdalMessages what GDAL said about the failure, each message as it reported it, in order
     */
    public GdalException(int errorNumber, List<String> gdalMessages, String file, String call) {
        super(describe(errorNumber, String.join("; ", gdalMessages), file, call));
        this.errorNumber = errorNumber;
        this.gdalMessages = List.copyOf(gdalMessages);
        this.file = file;
        this.call = call;
    }

    /**
     * GDAL's own messages for this failure, in the order it reported them, without repeats and
     * unabridged (the exception's message escapes and shortens them); empty when GDAL gave none.
     */
    public List<String> gdalMessages() {
        return gdalMessages;
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
        text.append(message == null || message.isBlank() ? "GDAL reported a failure without a message" : printable(message.strip()));
        text.append(" (").append(call);
        if (errorNumber != 0) {
            text.append(", GDAL error ").append(errorNumber).append(' ').append(errorName(errorNumber));
        }
        return text.append(')').toString();
    }

    /**
     * GDAL's text on one line of printable characters, at most about {@value #MAX_GDAL_TEXT} of
     * them: control characters (a damaged file's bytes that GDAL quotes) become {@code \xNN},
     * bytes that are not UTF-8 '?', and a longer text is cut with "...".
     */
    public static String printable(String text) {
        var out = new StringBuilder();
        int i = 0;
        for (; i < text.length() && out.length() < MAX_GDAL_TEXT; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\x%02x", (int) c));
            } else if (c == 0xfffd) {
                out.append('?'); // bytes that were not UTF-8
            } else {
                out.append(c);
            }
        }
        return i < text.length() ? out.append("...").toString() : out.toString();
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
