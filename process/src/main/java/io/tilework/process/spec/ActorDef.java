package io.tilework.process.spec;

/**
 * Who the engine interacts with.
 *
 * @param kind  person, role (its members are the elements of {@code type}, e.g. participants), application or engine
 */
public record ActorDef(String name, String kind, String type, int line) {
}
