package io.tilework.process.store;

import io.tilework.process.failure.StoreUnavailable;
import io.tilework.process.runtime.Effect;
import io.tilework.process.runtime.InstanceState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * A batch of commits written to PostgreSQL as ONE statement: data-modifying CTEs, one per table,
 * fed by arrays (a column each). Run in autocommit, the statement is its own transaction — all or
 * nothing — and the commit rides on its round trip: one round trip and one WAL flush per batch.
 * <p>
 * The checks an engine sharing the database needs are folded in, and every write waits for them
 * (each CTE is filtered by {@code go}, evaluated once before any row is written): the leadership
 * epoch, read with a share lock, must be the writer's term (a new leader's increment waits for this
 * statement, or this one sees it and writes nothing), and the forwarded commands it answers must be
 * unanswered (locked for update). When a check fails nothing is written and the result row says which.
 * <p>
 * One statement may not update a row twice, so instances and snapshots go once per key (the last
 * one: the others would be overwritten), outbox and inbox entries once per key (the first one:
 * {@code ON CONFLICT DO NOTHING} keeps it), and the timers as their net change per key. The CTEs
 * all see the database as it was before the statement, so an outbox entry that is both sent and
 * acknowledged in the batch is inserted as delivered.
 */
final class PostgresBatch {

    // The statement is put together from the pieces a batch needs: a table it writes nothing to has
    // no CTE (and no parameters) in it, which makes the statement cheaper to bind and to run. Each
    // combination is its own prepared statement on the connection; there are few.

    /** The leadership epoch, read with a share lock: an engine sharing the database compares it with its term. */
    private static final String FENCED = "SELECT epoch FROM leadership WHERE id = 1 FOR SHARE";
    /** For a store used alone (a copy, a test): no leadership to check. */
    private static final String UNFENCED = "SELECT NULL::int8 AS epoch";

    /** The checks when the batch answers forwarded commands: each must still be unanswered (locked for update). */
    private static final String GATE_WITH_ANSWERS = """
            , asked AS MATERIALIZED (
                SELECT * FROM unnest(?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS a (id, status, message, instance, state, defect)
            ), open AS MATERIALIZED (
                SELECT id FROM forwarded_commands WHERE id IN (SELECT id FROM asked) AND answered IS NULL FOR UPDATE
            ), gate AS MATERIALIZED (
                SELECT f.epoch, f.epoch IS NOT DISTINCT FROM ?::int8 AS leads,
                       (SELECT count(*) FROM open) = (SELECT count(*) FROM asked) AS unanswered,
                       (SELECT min(id) FROM asked WHERE id NOT IN (SELECT id FROM open)) AS answered_already
                FROM fence f
            ), go AS MATERIALIZED (
                SELECT leads AND unanswered AS ok FROM gate
            )""";

    private static final String GATE = """
            , gate AS MATERIALIZED (
                SELECT f.epoch, f.epoch IS NOT DISTINCT FROM ?::int8 AS leads, true AS unanswered, NULL::int8 AS answered_already FROM fence f
            ), go AS MATERIALIZED (
                SELECT leads AS ok FROM gate
            )""";

    private static final String INSTANCES = """
            , instances_written AS (
                INSERT INTO instances (id, model, model_version, spec_version, parent, state, created, updated)
                SELECT * FROM unnest(?::text[], ?::text[], ?::int4[], ?::int4[], ?::text[], ?::text[], ?::int8[], ?::int8[])
                WHERE (SELECT ok FROM go)
                ON CONFLICT (id) DO UPDATE SET state = excluded.state, updated = excluded.updated
            )""";

    private static final String LOG = """
            , log_written AS (
                INSERT INTO log (instance, tx, time, event, object, payload, status, message, effects)
                SELECT instance, tx, time, event, object, payload, status, message, effects
                FROM unnest(?::text[], ?::int8[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                    AS r (instance, tx, time, event, object, payload, status, message, effects, n)
                WHERE (SELECT ok FROM go) ORDER BY n
            )""";

    private static final String SNAPSHOTS = """
            , snapshots_written AS (
                INSERT INTO snapshots (instance, tx, state)
                SELECT * FROM unnest(?::text[], ?::int8[], ?::text[])
                WHERE (SELECT ok FROM go)
                ON CONFLICT (instance) DO UPDATE SET tx = excluded.tx, state = excluded.state
            )""";

    private static final String OUTBOX = """
            , outbox_written AS (
                INSERT INTO outbox (key, instance, operation, actor, recipient, object, payload, delivered)
                SELECT key, instance, operation, actor, recipient, object, payload, delivered
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[]) WITH ORDINALITY
                    AS o (key, instance, operation, actor, recipient, object, payload, delivered, n)
                WHERE (SELECT ok FROM go) ORDER BY n
                ON CONFLICT (key) DO NOTHING
            )""";

    private static final String DELIVERED = """
            , delivered_written AS (
                UPDATE outbox SET delivered = ?::int8 WHERE key = ANY (?::text[]) AND (SELECT ok FROM go)
            )""";

    private static final String INBOX = """
            , inbox_written AS (
                INSERT INTO inbox (key, actor, instance, object, message, created)
                SELECT key, actor, instance, object, message, created
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[]) WITH ORDINALITY
                    AS i (key, actor, instance, object, message, created, n)
                WHERE (SELECT ok FROM go) ORDER BY n
                ON CONFLICT (key) DO NOTHING
            )""";

    private static final String TIMERS_PUT = """
            , timers_put AS (
                INSERT INTO timers (key, instance, event, object, due)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int8[])
                WHERE (SELECT ok FROM go)
                ON CONFLICT (key) DO UPDATE SET instance = excluded.instance, event = excluded.event, object = excluded.object, due = excluded.due
            )""";

    private static final String TIMERS_REMOVED = """
            , timers_removed AS (
                DELETE FROM timers WHERE key = ANY (?::text[]) AND (SELECT ok FROM go)
            )""";

    private static final String TIMERS_FIRED = """
            , timers_fired AS (
                DELETE FROM timers t USING unnest(?::text[], ?::int8[]) AS f (key, due)
                WHERE t.key = f.key AND t.due = f.due AND (SELECT ok FROM go)
            )""";

    /** The forwarded commands' outcomes, then a notification to the standbys waiting for them. */
    private static final String ANSWERED = """
            , answered AS (
                UPDATE forwarded_commands c SET answered = ?::int8, status = a.status, message = a.message, instance = a.instance, state = a.state,
                    defect = a.defect
                FROM asked a WHERE c.id = a.id AND c.answered IS NULL AND (SELECT ok FROM go)
            )
            SELECT g.leads, g.epoch, g.unanswered, g.answered_already,
                   (SELECT count(*) FROM (SELECT pg_notify(?, '') FROM go WHERE ok) n) AS notified
            FROM gate g
            """;

    private static final String RESULT = """

            SELECT g.leads, g.epoch, g.unanswered, g.answered_already FROM gate g
            """;

    /** Adds a piece of the statement and its parameters, if the batch has {@code rows} for it. */
    private static void piece(StringBuilder sql, List<Parameters> parameters, Collection<?> rows, String piece, Parameters set) {
        if (!rows.isEmpty()) {
            sql.append(piece);
            parameters.add(set);
        }
    }

    /** A piece of the statement and how its parameters are set. */
    @FunctionalInterface
    private interface Parameters {
        void set(Binder bind) throws SQLException;
    }

    private record Sent(String instance, Effect.Sent effect) {
    }

    private record Fired(String key, long due) {
    }

    private final Map<String, InstanceSummary> instances = new LinkedHashMap<>();
    private final List<LogRecord> log = new ArrayList<>();
    private final Map<String, InstanceState> snapshots = new LinkedHashMap<>();
    private final Map<String, Sent> outbox = new LinkedHashMap<>();
    private final Set<String> delivered = new LinkedHashSet<>();
    private final Map<String, InboxEntry> inbox = new LinkedHashMap<>();
    private final TimerChanges timers = new TimerChanges();
    private final PostgresProcessStore.Fence fence;

    PostgresBatch(List<Commit> commits, PostgresProcessStore.Fence fence) {
        this.fence = fence;
        for (Commit commit : commits) {
            commit.firedTimers().forEach(timers::fired);
            if (commit.instance() != null) {
                instances.put(commit.instance().id(), commit.instance());
            }
            LogRecord record = commit.log();
            if (record != null) {
                log.add(record);
                for (Effect effect : record.effects()) {
                    switch (effect) {
                        case Effect.Sent sent -> outbox.putIfAbsent(sent.key(), new Sent(record.instance(), sent));
                        case Effect.Scheduled timer ->
                                timers.scheduled(new TimerEntry(timer.key(), record.instance(), timer.event(), timer.object(), timer.due()));
                        case Effect.Unscheduled timer -> timers.unscheduled(timer.key());
                        default -> {
                        }
                    }
                }
            }
            if (commit.snapshot() != null) {
                snapshots.put(commit.snapshot().id(), commit.snapshot());
            }
            delivered.addAll(commit.delivered());
            commit.inbox().forEach(entry -> inbox.putIfAbsent(entry.key(), entry));
        }
    }

    /**
     * Writes the batch (the connection in autocommit: the statement is the transaction). Empty when
     * written; else the leadership epoch found, which is not the fence's term, and nothing was written.
     * A forwarded command answered already also leaves everything unwritten, and throws.
     */
    OptionalLong write(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        long now = System.currentTimeMillis();
        List<PostgresProcessStore.Fence.Answer> answers = fence == null ? List.of() : fence.answers();
        List<TimerEntry> puts = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        List<Fired> fired = new ArrayList<>();
        timers.split(puts, removes, fired);
        var sql = new StringBuilder("WITH fence AS MATERIALIZED (").append(fence == null ? UNFENCED : FENCED).append(")");
        var parameters = new ArrayList<Parameters>();
        Long term = fence == null ? null : fence.term();
        if (answers.isEmpty()) {
            sql.append(GATE);
            parameters.add(bind -> bind.nullableLong(term));
        } else {
            sql.append(GATE_WITH_ANSWERS);
            parameters.add(bind -> bind.longs(answers, PostgresProcessStore.Fence.Answer::id)
                    .texts(answers, PostgresProcessStore.Fence.Answer::status)
                    .texts(answers, PostgresProcessStore.Fence.Answer::message)
                    .texts(answers, PostgresProcessStore.Fence.Answer::instance)
                    .texts(answers, PostgresProcessStore.Fence.Answer::state)
                    .texts(answers, PostgresProcessStore.Fence.Answer::defect)
                    .nullableLong(term));
        }
        Collection<InstanceSummary> summaries = instances.values();
        piece(sql, parameters, summaries, INSTANCES, bind -> bind.texts(summaries, InstanceSummary::id)
                .texts(summaries, InstanceSummary::model)
                .ints(summaries, InstanceSummary::modelVersion)
                .ints(summaries, InstanceSummary::specVersion)
                .texts(summaries, InstanceSummary::parent)
                .texts(summaries, InstanceSummary::state)
                .longs(summaries, s -> s.created().toEpochMilli())
                .longs(summaries, s -> s.updated().toEpochMilli()));
        piece(sql, parameters, log, LOG, bind -> bind.texts(log, LogRecord::instance)
                .longs(log, LogRecord::transaction)
                .longs(log, r -> r.time().toEpochMilli())
                .texts(log, LogRecord::event)
                .texts(log, LogRecord::object)
                .texts(log, r -> StateCodec.json(r.payload()))
                .texts(log, LogRecord::status)
                .texts(log, LogRecord::message)
                .texts(log, r -> StateCodec.effects(r.effects())));
        Collection<InstanceState> states = snapshots.values();
        piece(sql, parameters, states, SNAPSHOTS, bind -> bind.texts(states, InstanceState::id)
                .longs(states, InstanceState::transactions)
                .texts(states, StateCodec::snapshot));
        Collection<Sent> sent = outbox.values();
        piece(sql, parameters, sent, OUTBOX, bind -> bind.texts(sent, s -> s.effect().key())
                .texts(sent, Sent::instance)
                .texts(sent, s -> s.effect().operation())
                .texts(sent, s -> s.effect().actor())
                .texts(sent, s -> s.effect().to())
                .texts(sent, s -> s.effect().object())
                .texts(sent, s -> StateCodec.json(s.effect().payload()))
                .longs(sent, s -> delivered.contains(s.effect().key()) ? now : null));
        piece(sql, parameters, delivered, DELIVERED, bind -> bind.nullableLong(now).texts(delivered, key -> key));
        Collection<InboxEntry> entries = inbox.values();
        piece(sql, parameters, entries, INBOX, bind -> bind.texts(entries, InboxEntry::key)
                .texts(entries, InboxEntry::actor)
                .texts(entries, InboxEntry::instance)
                .texts(entries, InboxEntry::object)
                .texts(entries, e -> StateCodec.json(e.message()))
                .longs(entries, e -> e.created().toEpochMilli()));
        piece(sql, parameters, puts, TIMERS_PUT, bind -> bind.texts(puts, TimerEntry::key)
                .texts(puts, TimerEntry::instance)
                .texts(puts, TimerEntry::event)
                .texts(puts, TimerEntry::object)
                .longs(puts, TimerEntry::due));
        piece(sql, parameters, removes, TIMERS_REMOVED, bind -> bind.texts(removes, key -> key));
        piece(sql, parameters, fired, TIMERS_FIRED, bind -> bind.texts(fired, Fired::key).longs(fired, Fired::due));
        if (answers.isEmpty()) {
            sql.append(RESULT);
        } else {
            sql.append(ANSWERED);
            parameters.add(bind -> bind.nullableLong(now).text(fence.answeredChannel()));
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            var bind = new Binder(connection, statement);
            for (Parameters piece : parameters) {
                piece.set(bind);
            }
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return OptionalLong.of(0); // no leadership row: nobody's term
                }
                if (!rs.getBoolean("leads")) {
                    return OptionalLong.of(rs.getLong("epoch"));
                }
                if (!rs.getBoolean("unanswered")) {
                    long id = rs.getLong("answered_already");
                    throw new StoreUnavailable("forwarded command " + (rs.wasNull() ? repeated(answers) : id)
                            + " was answered already; the batch was not applied: retry the command", null);
                }
                return OptionalLong.empty();
            }
        }
    }

    /** A command id the batch answers twice (so the count of open ones fell short without a missing one). */
    private static long repeated(List<PostgresProcessStore.Fence.Answer> answers) {
        var seen = new HashSet<Long>();
        for (var answer : answers) {
            if (!seen.add(answer.id())) {
                return answer.id();
            }
        }
        return 0;
    }

    /** Sets the statement's parameters in order: a column of values as one array each. */
    private static final class Binder {

        private final Connection connection;
        private final PreparedStatement statement;
        private int index;

        Binder(Connection connection, PreparedStatement statement) {
            this.connection = connection;
            this.statement = statement;
        }

        <R> Binder texts(Collection<R> rows, Function<R, String> column) throws SQLException {
            statement.setArray(++index, connection.createArrayOf("text", rows.stream().map(column).toArray(String[]::new)));
            return this;
        }

        <R> Binder longs(Collection<R> rows, Function<R, Long> column) throws SQLException {
            statement.setArray(++index, connection.createArrayOf("int8", rows.stream().map(column).toArray(Long[]::new)));
            return this;
        }

        <R> Binder ints(Collection<R> rows, Function<R, Integer> column) throws SQLException {
            statement.setArray(++index, connection.createArrayOf("int4", rows.stream().map(column).toArray(Integer[]::new)));
            return this;
        }

        Binder nullableLong(Long value) throws SQLException {
            if (value == null) {
                statement.setNull(++index, Types.BIGINT);
            } else {
                statement.setLong(++index, value);
            }
            return this;
        }

        Binder text(String value) throws SQLException {
            statement.setString(++index, value);
            return this;
        }
    }

    /**
     * The net change a batch makes to the timers, whatever the order of its effects: one batch may
     * schedule a timer, fire it and schedule it again. Per key the last word counts; a fired timer
     * is removed only if it is still due when it fired.
     */
    private static final class TimerChanges {

        private sealed interface Change permits Put, Remove, RemoveIfDue {
        }

        private record Put(TimerEntry timer) implements Change {
        }

        private record Remove() implements Change {
        }

        /** What the database holds is not known here: remove it if its due time is one of these. */
        private record RemoveIfDue(List<Long> dues) implements Change {
        }

        private final Map<String, Change> changes = new LinkedHashMap<>();

        void scheduled(TimerEntry timer) {
            changes.put(timer.key(), new Put(timer));
        }

        void unscheduled(String key) {
            changes.put(key, new Remove());
        }

        void fired(TimerEntry fired) {
            Change now = changes.get(fired.key());
            switch (now) {
                case null -> changes.put(fired.key(), new RemoveIfDue(List.of(fired.due())));
                case Put put -> {
                    if (put.timer().due() == fired.due()) {
                        changes.put(fired.key(), new Remove());
                    }
                }
                case Remove ignored -> {
                }
                case RemoveIfDue earlier -> {
                    var dues = new ArrayList<>(earlier.dues());
                    dues.add(fired.due());
                    changes.put(fired.key(), new RemoveIfDue(dues));
                }
            }
        }

        /** One change per key, so the statement's three timer CTEs never touch the same row. */
        void split(List<TimerEntry> puts, List<String> removes, List<Fired> fired) {
            changes.forEach((key, change) -> {
                switch (change) {
                    case Put put -> puts.add(put.timer());
                    case Remove ignored -> removes.add(key);
                    case RemoveIfDue ifDue -> ifDue.dues().forEach(due -> fired.add(new Fired(key, due)));
                }
            });
        }
    }
}
