package io.tilework.process.store;

import java.util.List;

/**
 * The tables both SQL stores have, with the same columns and meaning (SQLite's schema after its
 * migrations, PostgreSQL's migration 1): what {@link StoreCheck} counts and {@link StoreCopy} copies.
 */
final class StoreTables {

    private StoreTables() {
    }

    record Table(String name, List<String> columns, String order) {

        String select() {
            return "SELECT " + String.join(", ", columns) + " FROM " + name + " ORDER BY " + order;
        }

        String insert() {
            return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
        }
    }

    static final List<Table> ALL = List.of(
            new Table("specs", List.of("name", "sources", "deployed", "position"), "position"),
            new Table("spec_versions", List.of("name", "version", "sources", "deployed"), "name, version"),
            new Table("models", List.of("name", "version", "conforms_to", "source", "deployed"), "name, version"),
            new Table("instances", List.of("id", "model", "model_version", "spec_version", "parent", "state", "created", "updated"), "created, id"),
            new Table("log", List.of("seq", "instance", "tx", "time", "event", "object", "payload", "status", "message", "effects"), "seq"),
            new Table("snapshots", List.of("instance", "tx", "state"), "instance"),
            new Table("outbox", List.of("key", "seq", "instance", "operation", "actor", "recipient", "object", "payload", "delivered"), "seq"),
            new Table("timers", List.of("key", "instance", "event", "object", "due"), "due, key"),
            new Table("inbox", List.of("key", "seq", "actor", "instance", "object", "message", "created"), "seq"),
            new Table("counters", List.of("name", "value"), "name"));
}
