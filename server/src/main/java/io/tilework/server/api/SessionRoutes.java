package io.tilework.server.api;

import io.javalin.http.Context;
import io.tilework.server.security.Access;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /login}, {@code /logout} and {@code /api/session}: the page's session and its CSRF token. */
final class SessionRoutes {

    private final Access access;

    SessionRoutes(Access access) {
        this.access = access;
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.post("/login", "logs the page in with the server's token (form field or JSON \"token\"): an HttpOnly cookie")
                        .tag("session").body("Login").returns("Session").errors(Map.of(401, "wrong token", 429, "10 wrong tokens within a minute: wait")).handle(this::login),
                Endpoint.post("/logout", "ends the page's session").tag("session").returns("Session").handle(ctx -> {
                    access.logout(ctx);
                    Json.answer(ctx, 200, session(false, ""));
                }),
                Endpoint.get("/api/session", "whether the caller is let in, and the CSRF token its POSTs must carry").tag("session")
                        .returns("Session").errors(Map.of(401, "not logged in")).handle(ctx -> Json.answer(ctx, 200, session(true, access.csrf(ctx)))));
    }

    private void login(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        String token = type.startsWith("application/json") ? String.valueOf(Json.body(ctx).get("token")) : ctx.formParam("token");
        Json.answer(ctx, 200, session(true, access.login(ctx, token)));
    }

    private Map<String, Object> session(boolean authenticated, String csrf) {
        var session = new LinkedHashMap<String, Object>();
        session.put("authenticated", authenticated);
        session.put("open", access.open());
        session.put("csrf", csrf);
        return session;
    }
}
