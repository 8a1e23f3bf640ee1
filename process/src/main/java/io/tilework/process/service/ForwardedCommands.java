package io.tilework.process.service;

import io.tilework.process.engine.ForwardedOutcome;
import io.tilework.process.engine.Outcome;
import io.tilework.process.failure.StoreUnavailable;
import io.tilework.process.store.PostgresProcessStore;
import io.tilework.process.store.StateCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code forwarded_commands} table: commands a standby engine hands to the active one through
 * the database. A standby inserts one (and notifies {@link #TAKE}); the active engine takes it into a
 * batch and answers it in that batch's transaction (and notifies {@link #ANSWERED}); the standby reads
 * the answer and deletes the row. A row left unanswered by a leader that died is taken by the next.
 */
final class ForwardedCommands {

    static final String TAKE = "tilework_forwarded";
    static final String ANSWERED = "tilework_answered";
    /** Answered rows whose standby never read them (it died) are deleted after this long. */
    private static final long KEEP_ANSWERED_MS = 3_600_000;

    /** A command as forwarded: {@code body} has "kind" (start or event) and its arguments. */
    record Row(long id, Map<String, Object> body) {
    }

    private final PostgresProcessStore store;

    ForwardedCommands(PostgresProcessStore store) {
        this.store = store;
    }

    static Map<String, Object> start(String model, Map<String, Object> variables) {
        var body = new LinkedHashMap<String, Object>();
        body.put("kind", "start");
        body.put("model", model);
        body.put("variables", variables);
        return body;
    }

    static Map<String, Object> event(String instance, String event, String object, Map<String, Object> payload) {
        var body = new LinkedHashMap<String, Object>();
        body.put("kind", "event");
        body.put("instance", instance);
        body.put("event", event);
        body.put("object", object);
        body.put("payload", payload);
        return body;
    }

    /** Inserts a command and wakes the active engine; returns its id. */
    long insert(Map<String, Object> body, String sender) {
        try (Connection connection = store.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO forwarded_commands (body, sender, sent) VALUES (?, ?, ?) RETURNING id");
                 PreparedStatement notify = connection.prepareStatement("SELECT pg_notify('" + TAKE + "', '')")) {
                insert.setString(1, StateCodec.json(body));
                insert.setString(2, sender);
                insert.setLong(3, System.currentTimeMillis());
                long id;
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                notify.execute();
                connection.commit();
                return id;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailable("cannot forward a command to the active engine through the process store " + store.location() + ": "
                    + e.getMessage() + "; it was not applied: retry it", e);
        }
    }

    /** Unanswered commands, oldest first. */
    List<Row> unanswered(int limit) {
        var rows = new ArrayList<Row>();
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT id, body FROM forwarded_commands WHERE answered IS NULL ORDER BY id LIMIT " + limit)) {
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), StateCodec.map(rs.getString(2))));
                }
            }
        } catch (SQLException e) {
            throw unreachable("read the forwarded commands in", e);
        }
        return rows;
    }

    /** What the active engine answered to command {@code id}; empty while it has not. */
    Optional<ForwardedOutcome> answer(long id) {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT status, message, instance, state, defect FROM forwarded_commands WHERE id = ? AND answered IS NOT NULL")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String status = rs.getString(1);
                Outcome outcome = status == null ? null
                        : new Outcome(rs.getString(3), Outcome.Status.valueOf(status), rs.getString(2), rs.getString(4));
                return Optional.of(new ForwardedOutcome(id, outcome, rs.getString(5)));
            }
        } catch (SQLException e) {
            throw unreachable("read the active engine's answer in", e);
        }
    }

    /** Deletes a command whose answer was read, and answered ones nobody read for an hour (their standby died). */
    void forget(long id) {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM forwarded_commands WHERE id = ? OR answered < ?")) {
            delete.setLong(1, id);
            delete.setLong(2, System.currentTimeMillis() - KEEP_ANSWERED_MS);
            delete.executeUpdate();
        } catch (SQLException e) {
            // Left behind, it is deleted with a later one.
        }
    }

    private StoreUnavailable unreachable(String doing, SQLException e) {
        return new StoreUnavailable("cannot " + doing + " the process store " + store.location() + ": " + e.getMessage(), e);
    }
}
