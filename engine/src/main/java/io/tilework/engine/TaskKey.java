package io.tilework.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a task computes, stably across runs and processes: the recipe (or job) that computes it,
 * that recipe's version, a hash of its parameters and the chunk's coordinates. Two tasks with
 * equal keys compute the same value, so the engine runs one and shares the result, and the chunk
 * store serves it later. Bump {@code version} whenever the recipe's code changes its output:
 * every key changes, and stale results are never served.
 *
 * @param recipe     the recipe or job name, e.g. "raster.slope"
 * @param version    the recipe's version
 * @param parameters a stable digest of the parameters (see {@link #digest(String)})
 * @param chunk      the chunk's coordinates, e.g. "z3/x12/y7" or "split-0042"
 */
public record TaskKey(String recipe, int version, String parameters, String chunk) implements java.io.Serializable {

    public TaskKey {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(chunk, "chunk");
        if (recipe.isBlank()) {
            throw new IllegalArgumentException("recipe name must not be blank");
        }
    }

    /** A key for a recipe without parameters. */
    public static TaskKey of(String recipe, int version, String chunk) {
        return new TaskKey(recipe, version, "", chunk);
    }

    /** A short, stable digest of a canonical parameter text (SHA-256, 16 hex digits). */
    public static String digest(String canonicalParameters) {
        return sha256(canonicalParameters).substring(0, 16);
    }

    /** A file-name-safe identity of the whole key (SHA-256 in hex), used by the chunk store. */
    public String id() {
        return sha256(recipe + '\u0000' + version + '\u0000' + parameters + '\u0000' + chunk);
    }

    @Override
    public String toString() {
        return recipe + "@" + version + (parameters.isEmpty() ? "" : "[" + parameters + "]") + ":" + chunk;
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
