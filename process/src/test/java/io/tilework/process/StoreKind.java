package io.tilework.process;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The stores the process suite runs every scenario on. The scenario classes are parameterised over
 * these ({@code @ParameterizedClass @EnumSource(StoreKind.class)}), so one suite checks that each
 * store gives the engine the same guarantees.
 */
enum StoreKind {
    MEMORY("memory"),
    SQLITE("SQLite"),
    /** A database of its own per test folder on one server shared by the whole run ({@link SharedPostgres}). */
    POSTGRESQL("PostgreSQL");

    private final String label;

    StoreKind(String label) {
        this.label = label;
    }

    /** Whether what is committed outlives the engine: a new engine on the same store recovers it. */
    boolean durable() {
        return this != MEMORY;
    }

    /**
     * Ends the test as skipped on a store that keeps nothing after its engine closes, saying so: for
     * a test whose point is what a second engine finds.
     */
    void assumeDurable() {
        assumeTrue(durable(), () -> "about durability: the " + label + " store keeps nothing after its engine closes");
    }

    /** Ends the test as skipped on any store but SQLite: for a test about the SQLite file itself. */
    void assumeSqlite(String what) {
        assumeTrue(this == SQLITE, () -> "about the SQLite file itself (" + what + ")");
    }

    /** How display names show the store: "[2] SQLite". */
    @Override
    public String toString() {
        return label;
    }
}
