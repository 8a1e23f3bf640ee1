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
    /** Guessing is slowed to this many wrong tokens a minute, for all callers together. */
    static final int MAX_FAILED_LOGINS = 10;
    private static final long LOGIN_WINDOW_NANOS = 60_000_000_000L;
    private final java.util.ArrayDeque<Long> failedLogins = new java.util.ArrayDeque<>();

    /** session id -> its CSRF token. Sessions live as long as the server. */
    private final Map<String, String> sessions = new ConcurrentHashMap<>();

    /** @param token the token every caller must show, or null for an open server (loopback only) */
    public Access(String token) {
        if (token != null && token.strip().length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the token must be at least " + MIN_TOKEN_LENGTH + " characters (e.g. `openssl rand -hex 24`)");
        }
        this.token = token == null ? null : token.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** Shorter tokens are guessed. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public boolean open() {
        return token == null;
    }

    /**
     * Refuses what a web page of another site could make a browser send, with or without a token:
     * a {@code Host} that is not this server's (DNS rebinding: another name resolved to this
     * address), and a state-changing request from another origin ({@code Origin} or
     * {@code Sec-Fetch-Site}) or in a form a page may post cross-site without asking
     * ({@code text/plain}, a form: only {@code /login} takes a form).
     */
    public void checkSameSite(Context ctx, java.util.Set<String> hosts) {
        String host = ctx.header("Host");
        if (host == null || !hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
            throw new ApiFailure(421, "this server answers to " + new java.util.TreeSet<>(hosts) + ", not to Host " + host);
        }
        if (!changesState(ctx.method())) {
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals("null") && !hosts.contains(originHost(origin))) {
            throw new ApiFailure(403, "a request from " + origin + " may not change this server; use the console or the API directly");
        }
        if ("cross-site".equals(ctx.header("Sec-Fetch-Site"))) {
            throw new ApiFailure(403, "a cross-site request may not change this server");
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        boolean form = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
        if (type.startsWith("text/plain") || (form && !ctx.path().equals("/login"))) {
            throw new ApiFailure(415, "send JSON (Content-Type: application/json)"
                    + (ctx.path().equals("/api/processes/models") ? " or the model's YAML (Content-Type: text/yaml)" : "") + ", not " + type);
        }
    }

    private static String originHost(String origin) {
        int scheme = origin.indexOf("://");
        return (scheme < 0 ? origin : origin.substring(scheme + 3)).toLowerCase(java.util.Locale.ROOT);
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
        long now = System.nanoTime();
        synchronized (failedLogins) {
            while (!failedLogins.isEmpty() && now - failedLogins.peekFirst() > LOGIN_WINDOW_NANOS) {
                failedLogins.pollFirst();
            }
            if (failedLogins.size() >= MAX_FAILED_LOGINS) {
                throw new ApiFailure(429, MAX_FAILED_LOGINS + " wrong tokens within a minute: logins are refused until a minute has passed");
            }
        }
        if (given == null || !matches(given.strip())) {
            synchronized (failedLogins) {
                failedLogins.addLast(now);
            }
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
