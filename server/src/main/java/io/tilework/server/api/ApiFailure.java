package io.tilework.server.api;

/**
 * A request the server refuses, with the HTTP status and the one line the client is shown
 * ({@code {"error": ..., "status": ...}}); never a stack trace.
 */
public final class ApiFailure extends RuntimeException {

    private final int status;

    public ApiFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiFailure badRequest(String message) {
        return new ApiFailure(400, message);
    }

    public static ApiFailure notFound(String message) {
        return new ApiFailure(404, message);
    }

    public static ApiFailure conflict(String message) {
        return new ApiFailure(409, message);
    }
}
