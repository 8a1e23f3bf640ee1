package io.tilework.engine.job;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The jobs on the class path, by name. */
public final class Jobs {

    private final Map<String, Job<?>> byName;

    private Jobs(Map<String, Job<?>> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Finds every {@link Job} registered with {@link ServiceLoader} in {@code loader}. */
    public static Jobs discover(ClassLoader loader) {
        var byName = new TreeMap<String, Job<?>>();
        for (Job<?> job : ServiceLoader.load(Job.class, loader)) {
            Job<?> previous = byName.putIfAbsent(job.name(), job);
            if (previous != null) {
                throw new IllegalStateException("two jobs are named '" + job.name() + "': "
                        + previous.getClass().getName() + " and " + job.getClass().getName());
            }
        }
        return new Jobs(byName);
    }

    /** Jobs visible to this class's loader. */
    public static Jobs discover() {
        return discover(Jobs.class.getClassLoader());
    }

    /** Every job, sorted by name. */
    public Map<String, Job<?>> all() {
        return byName;
    }

    /** The job named {@code name}; throws listing the known names if there is none. */
    public Job<?> get(String name) {
        Job<?> job = byName.get(name);
        if (job == null) {
            throw new IllegalArgumentException("no job named '" + name + "'; known jobs: "
                    + (byName.isEmpty() ? "none (is the module that provides it on the class path?)" : byName.keySet()));
        }
        return job;
    }
}
