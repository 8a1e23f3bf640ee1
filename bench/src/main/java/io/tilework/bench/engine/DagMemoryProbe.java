package io.tilework.bench.engine;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.tilework.engine.Engine;
import io.tilework.engine.ResultStream;
import io.tilework.engine.Task;
import io.tilework.engine.TaskKey;
import io.tilework.engine.event.EngineEvent;
import io.tilework.engine.pool.Pools;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Runs the {@link Dag} once in this JVM and reports how much memory it needed: the engine's
 * bytes held against its budget (exact, from {@link EngineEvent.BudgetChanged} events), the live
 * heap (heap in use right after a full collection, forced every {@value #SAMPLE_MILLIS} ms by a
 * sampler thread), and the heap in use after any collection (an upper bound on the live heap: it
 * counts garbage not yet collected in the old generation). {@link EngineBenchmarks} starts it in
 * a JVM of its own with a fixed, small {@code -Xmx}, so completing at all is part of the result.
 * Timings here are not benchmark figures: the forced collections slow it down.
 *
 * <p>Kinds: {@code tilework} (the DAG as a stream), {@code futures} (plain CompletableFutures),
 * {@code tilework-tree} (one root task over all the requests, submitted once: the engine
 * expands the 1,001,001-task graph a window of inputs at a time, depth first).
 *
 * <p>Prints {@code probe.NAME=VALUE} lines for the caller, after a human-readable line.
 */
public final class DagMemoryProbe {

    static final long SAMPLE_MILLIS = 200;

    private static final AtomicLong liveAfterFullGc = new AtomicLong();
    private static final AtomicLong usedAfterAnyGc = new AtomicLong();
    private static final AtomicLong collections = new AtomicLong();

    private DagMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DagMemoryProbe tilework|futures|tilework-tree BUDGET_MIB LOOKAHEAD");
            System.exit(2);
        }
        String kind = args[0];
        long budget = Long.parseLong(args[1]) << 20;
        Dag dag = new Dag(Dag.DEFAULT.requests(), Dag.DEFAULT.leaves(), Dag.DEFAULT.longs(), Integer.parseInt(args[2]));

        long expected = dag.expectedChecksum(); // also warms the work up; not measured
        listenToCollections();
        System.gc();
        long baseline = heapUsed();
        liveAfterFullGc.set(0);
        usedAfterAnyGc.set(0);
        collections.set(0);

        var peakHeld = new AtomicLong();
        var peakLiveTasks = new AtomicLong();
        var stop = new AtomicBoolean();
        Engine engine = kind.startsWith("tilework") ? Engine.builder().pool(Pools.cpu(DagBenchmark.THREADS))
                .budgetBytes(budget)
                .listener(event -> {
                    if (event instanceof EngineEvent.BudgetChanged changed) {
                        peakHeld.accumulateAndGet(changed.heldBytes(), Math::max);
                    }
                }).build() : null;
        Thread sampler = Thread.ofPlatform().name("probe-sampler").daemon(true).start(() -> {
            while (!stop.get()) {
                if (engine != null) {
                    peakLiveTasks.accumulateAndGet(engine.liveTasks(), Math::max);
                }
                System.gc();
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        long start = System.nanoTime();
        long checksum = switch (kind) {
            case "tilework" -> {
                try (ResultStream<long[]> stream = engine.stream(dag.tasks("cpu"), dag.lookahead())) {
                    yield Dag.consume(stream);
                }
            }
            case "tilework-tree" -> {
                List<Task<long[]>> requests = dag.tasks("cpu");
                Task<Long> root = Task.<Long>builder(TaskKey.of("bench.dag.root", 1, "all"))
                        .inputs(requests)
                        .compute((inputs, cancel) -> {
                            long c = 0;
                            for (int i = 0; i < inputs.size(); i++) {
                                c = Dag.fold(c, inputs.<long[]>get(i));
                            }
                            return c;
                        });
                yield engine.submit(root).get(10, TimeUnit.MINUTES);
            }
            case "futures" -> {
                try (var pool = new ForkJoinPool(DagBenchmark.THREADS)) {
                    yield dag.runOnFutures(pool);
                }
            }
            default -> throw new IllegalArgumentException("unknown kind '" + kind + "': tilework, futures or tilework-tree");
        };
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        sampler.join();
        if (engine != null) {
            engine.close();
        }

        long maxHeap = Runtime.getRuntime().maxMemory();
        boolean correct = checksum == expected;
        System.out.printf(Locale.ROOT, "%s: %d tasks in %.1f s (with forced GCs), checksum %s; budget %.0f MiB, "
                        + "engine peak held %.1f MiB, peak live tasks %d; heap: baseline %.1f MiB, peak live "
                        + "(after forced full GCs) %.1f MiB, peak after any GC %.1f MiB, -Xmx %.0f MiB, %d GCs%n",
                kind, kind.equals("tilework-tree") ? dag.tasks() + 1 : dag.tasks(), seconds, correct ? "OK" : "WRONG",
                mib(budget), mib(peakHeld.get()), peakLiveTasks.get(), mib(baseline), mib(liveAfterFullGc.get()),
                mib(usedAfterAnyGc.get()), mib(maxHeap), collections.get());
        System.out.println("probe.kind=" + kind);
        System.out.println("probe.correct=" + correct);
        System.out.println("probe.seconds=" + seconds);
        System.out.println("probe.budgetBytes=" + budget);
        System.out.println("probe.peakHeldBytes=" + (engine != null ? peakHeld.get() : -1));
        System.out.println("probe.peakLiveTasks=" + (engine != null ? peakLiveTasks.get() : -1));
        System.out.println("probe.baselineHeapBytes=" + baseline);
        System.out.println("probe.peakLiveHeapBytes=" + liveAfterFullGc.get());
        System.out.println("probe.peakUsedAfterGcBytes=" + usedAfterAnyGc.get());
        System.out.println("probe.maxHeapBytes=" + maxHeap);
        System.out.println("probe.collections=" + collections.get());
        System.exit(correct ? 0 : 1);
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void listenToCollections() {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(pool.getKey())) {
                        used += pool.getValue().getUsed();
                    }
                }
                collections.incrementAndGet();
                usedAfterAnyGc.accumulateAndGet(used, Math::max);
                if ("System.gc()".equals(info.getGcCause())) {
                    liveAfterFullGc.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
    }
}
