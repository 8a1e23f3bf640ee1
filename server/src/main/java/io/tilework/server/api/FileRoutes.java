package io.tilework.server.api;

import io.javalin.http.Context;
import io.tilework.server.security.DataRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/files?path=REL}: a file under the data root, read-only, for what a page must show
 * that no job of the server wrote (the tiles a process's check rendered, a report a process job
 * made). Pages and images open in the browser; everything else downloads.
 */
final class FileRoutes {

    private static final Map<String, String> SHOWN = Map.of(
            ".png", "image/png", ".jpg", "image/jpeg", ".jpeg", "image/jpeg",
            ".html", "text/html; charset=utf-8", ".htm", "text/html; charset=utf-8", ".json", "application/json",
            ".txt", "text/plain; charset=utf-8", ".csv", "text/csv; charset=utf-8");

    private final DataRoot root;

    FileRoutes(DataRoot root) {
        this.root = root;
    }

    List<Endpoint> endpoints() {
        return List.of(Endpoint.get("/api/files", "a file under the data root (images and pages shown, others downloaded)")
                .tag("files").query("path").errors(Map.of(400, "the path leaves the data root", 404, "no such file"))
                .handle(this::file));
    }

    private void file(Context ctx) throws IOException {
        String given = ctx.queryParam("path");
        Path file = root.resolve(given, "path");
        if (!Files.isRegularFile(file)) {
            throw ApiFailure.notFound(given + ": no such file under the data root");
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : SHOWN.get(name.substring(dot).toLowerCase(Locale.ROOT));
        JobRoutes.sandboxed(ctx);
        if (type == null) {
            ctx.contentType("application/octet-stream").header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"");
        } else {
            ctx.contentType(type);
        }
        ctx.result(Files.newInputStream(file));
    }
}
