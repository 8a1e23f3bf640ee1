package io.tilework.process.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything about one running instance: its objects (the root first), its variables and the
 * events waiting for a condition to clear. {@link Effect}s change it; replaying an instance's
 * effects from empty rebuilds it.
 */
public final class InstanceState {

    private final String id;
    private final String model;
    private final String parent;
    private final String parentObject;
    private final Instant created;
    private final Map<String, RuntimeObject> objects;
    private final Map<String, Object> variables;
    private final List<PendingEvent> deferred;
    private long transactions;
    private long createdObjects;

    public InstanceState(String id, String model, String parent, String parentObject, Instant created) {
        this(id, model, parent, parentObject, created, new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), 0, 0);
    }

    private InstanceState(String id, String model, String parent, String parentObject, Instant created, Map<String, RuntimeObject> objects,
                          Map<String, Object> variables, List<PendingEvent> deferred, long transactions, long createdObjects) {
        this.id = id;
        this.model = model;
        this.parent = parent;
        this.parentObject = parentObject;
        this.created = created;
        this.objects = objects;
        this.variables = variables;
        this.deferred = deferred;
        this.transactions = transactions;
        this.createdObjects = createdObjects;
    }

    public String id() {
        return id;
    }

    public String model() {
        return model;
    }

    /** The instance that started this one as a sub-process, or null. */
    public String parent() {
        return parent;
    }

    /** The parent's object (e.g. the sub-process activity) that waits for this one, or null. */
    public String parentObject() {
        return parentObject;
    }

    public Instant created() {
        return created;
    }

    public RuntimeObject object(String objectId) {
        return objects.get(objectId);
    }

    public Collection<RuntimeObject> objects() {
        return objects.values();
    }

    /** The root object: its state is the instance's. */
    public RuntimeObject root() {
        return objects.values().iterator().next();
    }

    public String state() {
        return objects.isEmpty() ? null : root().state();
    }

    public Map<String, Object> variables() {
        return variables;
    }

    public List<PendingEvent> deferred() {
        return deferred;
    }

    /** Committed transactions so far; the next one's number is this plus one. */
    public long transactions() {
        return transactions;
    }

    void transactions(long transactions) {
        this.transactions = transactions;
    }

    /** Sets the count of committed transactions, when a snapshot or the log is read back. */
    public void restoreTransactions(long transactions) {
        this.transactions = transactions;
    }

    /** The id the next object created at run time gets; {@link #apply} of its creation counts it. */
    String nextObjectId(String type) {
        return type + "-" + (createdObjects + 1);
    }

    /** Applies one effect; the interpreter and the replay of the log both change the state only through here. */
    public void apply(Effect effect) {
        switch (effect) {
            case Effect.Created c -> {
                objects.put(c.object(), new RuntimeObject(c.object(), c.type(), c.element(), c.state(), Map.of()));
                if (c.element() == null) {
                    createdObjects++;
                }
            }
            case Effect.StateChanged s -> objects.get(s.object()).state(s.to());
            case Effect.AttributeSet a -> objects.get(a.object()).attributes().put(a.name(), a.value());
            case Effect.VariableSet v -> variables.put(v.name(), v.value());
            case Effect.Deferred d -> deferred.add(d.event());
            case Effect.Undeferred u -> deferred.remove(u.index());
            case Effect.Received r -> { }
            case Effect.Sent s -> { }
            case Effect.Scheduled s -> { }
            case Effect.Unscheduled u -> { }
        }
    }

    public InstanceState copy() {
        var objectCopies = new LinkedHashMap<String, RuntimeObject>();
        objects.forEach((key, value) -> objectCopies.put(key, value.copy()));
        return new InstanceState(id, model, parent, parentObject, created, objectCopies, new LinkedHashMap<>(variables),
                new ArrayList<>(deferred), transactions, createdObjects);
    }
}
