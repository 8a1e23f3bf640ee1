package io.tilework.process.store;

import io.tilework.process.runtime.Effect;
import io.tilework.process.runtime.InstanceState;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A store that keeps everything in memory and nothing after the JVM: for tests and for the
 * benchmark that measures what durability costs. Snapshots are kept as their JSON so that what
 * is read back is a copy, as from a real store.
 */
public final class InMemoryProcessStore implements ProcessStore {

    /** Every deployed version of every specification, by name in deploy order. */
    @GuardedBy("this")
    private final Map<String, List<List<String>>> specs = new LinkedHashMap<>();
    @GuardedBy("this")
    private final Map<String, List<StoredModel>> models = new TreeMap<>();
    @GuardedBy("this")
    private final Map<String, InstanceSummary> instances = new LinkedHashMap<>();
    @GuardedBy("this")
    private final Map<String, List<LogRecord>> logs = new LinkedHashMap<>();
    @GuardedBy("this")
    private final Map<String, String> snapshots = new LinkedHashMap<>();
    @GuardedBy("this")
    private final Map<String, OutboxEntry> pending = new LinkedHashMap<>();
    @GuardedBy("this")
    private final Map<String, TimerEntry> timers = new LinkedHashMap<>();
    @GuardedBy("this")
    private final Map<String, InboxEntry> inbox = new LinkedHashMap<>();
    private long instanceNumber;

    @Override
    public synchronized int saveSpec(String name, List<String> sources) {
        var versions = specs.computeIfAbsent(name, k -> new ArrayList<>());
        versions.add(List.copyOf(sources));
        return versions.size();
    }

    @Override
    public synchronized Map<String, List<String>> specs() {
        var newest = new LinkedHashMap<String, List<String>>();
        specs.forEach((name, versions) -> newest.put(name, versions.getLast()));
        return newest;
    }

    @Override
    public synchronized Optional<List<String>> spec(String name, int version) {
        var versions = specs.getOrDefault(name, List.of());
        return version < 1 || version > versions.size() ? Optional.empty() : Optional.of(versions.get(version - 1));
    }

    @Override
    public synchronized int specVersion(String name) {
        return specs.getOrDefault(name, List.of()).size();
    }

    @Override
    public synchronized int saveModel(String name, String conformsTo, String source) {
        var versions = models.computeIfAbsent(name, k -> new ArrayList<>());
        versions.add(new StoredModel(name, versions.size() + 1, conformsTo, source, Instant.now()));
        return versions.size();
    }

    @Override
    public synchronized Optional<StoredModel> model(String name, int version) {
        var versions = models.getOrDefault(name, List.of());
        if (versions.isEmpty() || version > versions.size()) {
            return Optional.empty();
        }
        return Optional.of(versions.get((version <= 0 ? versions.size() : version) - 1));
    }

    @Override
    public synchronized List<StoredModel> models() {
        return models.values().stream().map(List::getLast).toList();
    }

    @Override
    public synchronized void commit(List<Commit> commits) {
        for (Commit commit : commits) {
            commit.firedTimers().forEach(fired -> timers.remove(fired.key(), fired));
            if (commit.instance() != null) {
                InstanceSummary previous = instances.get(commit.instance().id());
                instances.put(commit.instance().id(), previous == null ? commit.instance()
                        : new InstanceSummary(previous.id(), previous.model(), previous.modelVersion(), previous.specVersion(), previous.parent(),
                        commit.instance().state(), previous.created(), commit.instance().updated()));
            }
            LogRecord record = commit.log();
            if (record != null) {
                logs.computeIfAbsent(record.instance(), k -> new ArrayList<>()).add(record);
                for (Effect effect : record.effects()) {
                    switch (effect) {
                        case Effect.Sent sent -> pending.putIfAbsent(sent.key(), new OutboxEntry(sent.key(), record.instance(), sent.operation(),
                                sent.actor(), sent.to(), sent.object(), sent.payload()));
                        case Effect.Scheduled timer -> timers.put(timer.key(),
                                new TimerEntry(timer.key(), record.instance(), timer.event(), timer.object(), timer.due()));
                        case Effect.Unscheduled timer -> timers.remove(timer.key());
                        default -> {
                        }
                    }
                }
            }
            if (commit.snapshot() != null) {
                snapshots.put(commit.snapshot().id(), StateCodec.snapshot(commit.snapshot()));
            }
            commit.delivered().forEach(pending::remove);
            commit.inbox().forEach(entry -> inbox.putIfAbsent(entry.key(), entry));
        }
    }

    @Override
    public synchronized List<InstanceSummary> instances() {
        return List.copyOf(instances.values());
    }

    @Override
    public synchronized Optional<InstanceSummary> instance(String id) {
        return Optional.ofNullable(instances.get(id));
    }

    @Override
    public synchronized List<InstanceSummary> children(String parent) {
        return instances.values().stream().filter(i -> parent.equals(i.parent())).toList();
    }

    @Override
    public synchronized Optional<InstanceState> snapshot(String id) {
        return Optional.ofNullable(snapshots.get(id)).map(StateCodec::snapshot);
    }

    @Override
    public synchronized List<LogRecord> log(String id, long afterTransaction) {
        return logs.getOrDefault(id, List.of()).stream().filter(r -> r.transaction() > afterTransaction).toList();
    }

    @Override
    public synchronized List<OutboxEntry> pendingOutbox() {
        return List.copyOf(pending.values());
    }

    @Override
    public synchronized List<OutboxEntry> pendingOutbox(String instance) {
        return pending.values().stream().filter(e -> e.instance().equals(instance)).toList();
    }

    @Override
    public synchronized List<TimerEntry> timers() {
        return timers.values().stream().sorted(Comparator.comparingLong(TimerEntry::due)).toList();
    }

    @Override
    public synchronized List<InboxEntry> inbox(String actor) {
        return inbox.values().stream().filter(e -> e.actor().equals(actor)).toList();
    }

    @Override
    public synchronized long nextInstanceNumber() {
        return ++instanceNumber;
    }

    @Override
    public void close() {
    }
}
