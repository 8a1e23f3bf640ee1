package io.tilework.server.security;

import io.tilework.server.api.ApiFailure;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may call the server. Without a token (allowed on loopback only) everybody on this machine
 * may. With one, the API wants it as a bearer header, or the session cookie the page got by
 * logging in with it ({@code HttpOnly; SameSite=Strict}); a state-changing request that comes with
 * the cookie must also carry the session's CSRF token in {@code X-CSRF-Token}, which a page of
 * another site cannot read.
 */
public final class Access {

    public static final String COOKIE = "tilework_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final byte[] token;
    private final SecureRandom random = new SecureRandom();
    /** session id -> its CSRF token. Sessions live as long as the server. */
    private final Map<String, String> sessions = new ConcurrentHashMap<>();

    /** @param token the token every caller must show, or null for an open server (loopback only) */
    public Access(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    public boolean open() {
        return token == null;
    }

    /** Lets the request through or throws 401 (no or wrong credentials) / 403 (cookie without the CSRF token). */
    public void check(Context ctx) {
        if (token == null) {
            return;
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (matches(authorization.substring(7).strip())) {
                return;
            }
            throw new ApiFailure(401, "the bearer token is wrong; give the server's --token");
        }
        String session = ctx.cookie(COOKIE);
        String csrf = session == null ? null : sessions.get(session);
        if (csrf == null) {
            throw new ApiFailure(401, "not logged in: send 'Authorization: Bearer TOKEN' or log in with POST /login");
        }
        if (changesState(ctx.method()) && !csrf.equals(ctx.header(CSRF_HEADER))) {
            throw new ApiFailure(403, "missing or wrong " + CSRF_HEADER + " header; read it from GET /api/session");
        }
    }

    /** Starts a session when {@code given} is the token: sets the cookie, returns the CSRF token. */
    public String login(Context ctx, String given) {
        if (token == null) {
            return "";
        }
        if (given == null || !matches(given.strip())) {
            throw new ApiFailure(401, "wrong token; it is the one the server was started with (--token or --token-file)");
        }
        String session = randomText();
        String csrf = randomText();
        sessions.put(session, csrf);
        ctx.header("Set-Cookie", COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict");
        return csrf;
    }

    public void logout(Context ctx) {
        String session = ctx.cookie(COOKIE);
        if (session != null) {
            sessions.remove(session);
        }
        ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    /** The CSRF token of the caller's session ("" on an open server or for a bearer caller). */
    public String csrf(Context ctx) {
        String session = ctx.cookie(COOKIE);
        String csrf = session == null ? null : sessions.get(session);
        return csrf == null ? "" : csrf;
    }

    private boolean matches(String given) {
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8)); // constant time
    }

    private static boolean changesState(HandlerType method) {
        return method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.DELETE || method == HandlerType.PATCH;
    }

    private String randomText() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
