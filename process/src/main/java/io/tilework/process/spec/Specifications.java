package io.tilework.process.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The behaviour specifications an engine knows, by name: the packs shipped with Tilework
 * ({@code workflow}, {@code map}) and those deployed since. A specification may extend one
 * known before it.
 */
public final class Specifications {

    /** The packs on the class path, read in this order (a later one may extend an earlier one). */
    public static final List<String> PACKS = List.of("workflow", "map");

    private final Map<String, BehaviourSpec> byName = new TreeMap<>();

    /** The shipped packs. */
    public static Specifications packs() {
        Specifications specifications = new Specifications();
        for (String pack : PACKS) {
            specifications.add(pack + ".yaml", packText(pack));
        }
        return specifications;
    }

    /** The YAML text of a shipped pack. */
    public static String packText(String pack) {
        String resource = "/io/tilework/process/packs/" + pack + ".yaml";
        try (InputStream in = Specifications.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("pack " + resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads, validates and adds a specification; throws listing every problem. */
    public synchronized BehaviourSpec add(String file, String text) {
        return add(read(file, text));
    }

    /** Reads and validates a specification against the known ones, without adding it; throws listing every problem. */
    public synchronized BehaviourSpec read(String file, String text) {
        return SpecReader.read(file, text, byName::get);
    }

    /** Adds (or replaces) a specification read before. */
    public synchronized BehaviourSpec add(BehaviourSpec spec) {
        byName.put(spec.name(), spec);
        return spec;
    }

    /** The specification named {@code name}, or null. */
    public synchronized BehaviourSpec get(String name) {
        return byName.get(name);
    }

    public synchronized Map<String, BehaviourSpec> all() {
        return Collections.unmodifiableMap(new TreeMap<>(byName));
    }
}
