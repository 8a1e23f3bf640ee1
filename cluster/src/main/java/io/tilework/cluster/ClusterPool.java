package io.tilework.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.spi.exception.DistributedObjectDestroyedException;
import io.tilework.engine.TaskKey;
import io.tilework.engine.pool.Pool;
import io.tilework.engine.pool.Pools;
import io.tilework.engine.pool.RemotePool;
import io.tilework.engine.pool.TaskDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's side of the cluster: a {@link RemotePool} that puts each chunk's descriptor in
 * its kind's queue, takes the first result per chunk from the job's result queue, and runs a chunk
 * again when the worker holding it leaves the cluster or stops renewing its lease. Tasks without a
 * descriptor run on this JVM's own threads, as on the local pool it replaces.
 */
public final class ClusterPool implements RemotePool {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterPool.class);

    /** Chunks in flight at once: enough to keep a dozen 8-core workers busy; the engine's byte budget still bounds memory. */
    static final int SLOTS = 1024;
    /** A lease whose worker's heartbeat stood still this long is lost. */
    static final long LEASE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long a chunk may be neither queued nor held, after a worker left, before it is taken for lost. */
    static final long UNACCOUNTED_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** What the coordinator tells its user about chunks: who ran them, and what runs again. */
    public interface Listener {

        /** {@code key} was computed by {@code member} in {@code millis}. */
        default void ran(TaskKey key, String member, long millis) {
        }

        /** {@code keys} run again because of {@code why}, which names the member that held them. */
        default void rerun(String why, List<TaskKey> keys) {
        }

        Listener NONE = new Listener() {
        };
    }

    private static final class Pending {
        final ChunkOffer offer;
        final CompletableFuture<byte[]> future = new CompletableFuture<>();
        volatile String holder; // the uuid of the member that said it took it, until it is queued again
        volatile String holderName;
        long unaccountedSince; // sweeper only: when it was first found neither held nor queued, or 0

        Pending(ChunkOffer offer) {
            this.offer = offer;
        }
    }

    private final HazelcastInstance hz;
    private final String jobId = UUID.randomUUID().toString().substring(0, 8);
    private final String jobName;
    private final String member;
    private final String storePath;
    private final String replyTo;
    private volatile String lastLost = "a worker"; // the name of the worker that left last, for the chunks lost with it
    private final Listener listener;
    private final Pool local;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong serials = new AtomicLong();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong rerun = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<String, LongAdder> doneByMember = new ConcurrentHashMap<>();
    private final Map<String, long[]> beatsSeen = new HashMap<>(); // uuid -> {beats, nanos when they last changed}; sweeper only
    private long unaccountedSince; // sweeper only: when a worker last left, while chunks are looked for
    private final SharedStores stores = new SharedStores();
    private final ScheduledExecutorService sweeper;
    private final Thread consumer;
    private final long startedMillis = System.currentTimeMillis();
    private final UUID membershipRegistration;
    private volatile Set<String> waitingKinds = Set.of();
    private volatile boolean closed;

    private ClusterPool(HazelcastInstance hz, String jobName, String member, int localThreads, Path sharedStore, Listener listener) {
        this.hz = hz;
        this.jobName = jobName;
        this.member = member;
        this.storePath = sharedStore == null ? null : sharedStore.toAbsolutePath().normalize().toString();
        this.listener = listener;
        this.local = Pools.cpu(localThreads);
        this.replyTo = Structures.localMessageQueue(hz, jobId);
        publish();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tilework-leases").daemon(true).factory());
        this.membershipRegistration = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.info("member {} joined cluster", ClusterMember.describe(event.getMember()));
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                Member gone = event.getMember();
                LOG.info("member {} left cluster", ClusterMember.describe(gone));
                // only a data member that was a worker can have taken chunks
                boolean worker = ClusterMember.WORKER.equals(gone.getAttribute(ClusterMember.ROLE));
                if (worker) {
                    lastLost = gone.getAttribute(ClusterMember.NAME);
                }
                sweeper.execute(() -> sweep(worker));
            }
        });
        this.consumer = Thread.ofPlatform().name("tilework-results").daemon(true).start(this::consume);
        sweeper.scheduleWithFixedDelay(() -> sweep(false), 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Joins the cluster as the coordinator of one job named {@code jobName}.
     *
     * @param localThreads threads for the job's tasks that cannot leave this JVM
     * @param sharedStore  the job's chunk store on the shared disk (large results are put there), or null
     */
    public static ClusterPool join(ClusterSettings settings, String jobName, int localThreads, Path sharedStore, Listener listener) {
        HazelcastInstance hz = ClusterMember.start(settings, ClusterMember.COORDINATOR);
        try {
            awaitWorker(hz, settings);
            return new ClusterPool(hz, jobName, settings.member(), localThreads, sharedStore, listener);
        } catch (RuntimeException e) {
            hz.getLifecycleService().terminate();
            throw e;
        }
    }

    /**
     * Waits until a worker is a member. A coordinator that started first formed a cluster of its own,
     * which Hazelcast merges into the workers' within seconds of their start; it submits nothing before,
     * so nothing of the job is in the state a merge resets.
     */
    private static void awaitWorker(HazelcastInstance hz, ClusterSettings settings) {
        long next = System.nanoTime();
        while (hz.getCluster().getMembers().stream().noneMatch(m -> ClusterMember.WORKER.equals(m.getAttribute(ClusterMember.ROLE)))) {
            if (System.nanoTime() - next >= 0) {
                LOG.info("waiting for a worker of cluster '{}' at {} (start one with 'tilework worker', or check --cluster and --join)",
                        settings.clusterName(), String.join(",", settings.join()));
                next = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterRequestInvalid("interrupted while waiting for a worker of cluster '" + settings.clusterName() + "'");
            }
        }
        ClusterMember.refuseOtherVersions(hz, settings); // the workers it merged with, if it was alone at first
    }

    /** Replaces the local "cpu" pool: the job's tasks choose it by that name and need not change. */
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public int slots() {
        return SLOTS;
    }

    /** Work that cannot leave this JVM (a task without a descriptor) runs on the local threads. */
    @Override
    public void execute(Runnable work) {
        local.execute(work);
    }

    @Override
    public CompletableFuture<byte[]> submit(TaskKey key, TaskDescriptor descriptor) {
        var offer = new ChunkOffer(jobId, serials.incrementAndGet(), key, descriptor, storePath, replyTo);
        var chunk = new Pending(offer);
        if (closed) {
            chunk.future.completeExceptionally(new IllegalStateException("the cluster pool of job " + jobId + " is closed"));
            return chunk.future;
        }
        pending.put(offer.serial(), chunk);
        submitted.incrementAndGet();
        try {
            Structures.chunks(hz, offer.kind()).offer(offer);
        } catch (RuntimeException e) {
            pending.remove(offer.serial());
            chunk.future.completeExceptionally(e);
        }
        return chunk.future;
    }

    private void consume() {
        IQueue<JobMessage> messages = Structures.messages(hz, replyTo);
        var batch = new ArrayList<JobMessage>();
        while (!closed) {
            try {
                JobMessage first = messages.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                messages.drainTo(batch, 255); // what else came meanwhile, in the same round trip
            } catch (InterruptedException | HazelcastInstanceNotActiveException | DistributedObjectDestroyedException e) {
                return;
            }
            for (JobMessage message : batch) {
                switch (message) {
                    case ChunkStarted started -> taken(started);
                    case ChunkResult result -> accept(result);
                }
            }
            batch.clear();
        }
    }

    private void taken(ChunkStarted started) {
        Pending chunk = pending.get(started.serial());
        if (chunk != null) {
            chunk.holderName = started.member();
            chunk.holder = started.memberUuid();
        }
    }

    /** The first result of a chunk completes it; any later one is a duplicate and is dropped. */
    private void accept(ChunkResult result) {
        Pending chunk = pending.remove(result.serial());
        if (chunk == null) {
            duplicates.incrementAndGet();
            LOG.debug("dropped a late duplicate result from {}", result.member());
            return;
        }
        TaskKey key = chunk.offer.key();
        if (result.failure() != null) {
            failed.incrementAndGet();
            LOG.warn("chunk {} failed on member {}: {}", key, result.member(), result.failure().toString());
            // the exception as the worker threw it (its type decides the exit code), with where it ran beside it
            result.failure().addSuppressed(new RemoteChunkFailure("chunk " + key + " ran on member " + result.member()));
            chunk.future.completeExceptionally(result.failure());
            return;
        }
        byte[] bytes = result.inline();
        if (bytes == null) {
            bytes = stores.at(result.storedAt()).get(key).orElse(null);
            if (bytes == null) {
                failed.incrementAndGet();
                chunk.future.completeExceptionally(new ClusterRequestInvalid("member " + result.member() + " put the result of chunk "
                        + key + " in " + result.storedAt() + ", which this coordinator cannot read; every member must see "
                        + "the same paths (a shared disk mounted at the same place)"));
                return;
            }
        }
        done.incrementAndGet();
        doneByMember.computeIfAbsent(result.member(), m -> new LongAdder()).increment();
        listener.ran(key, result.member(), result.millis());
        chunk.future.complete(bytes);
    }

    /**
     * Queues again the chunks whose holder left or stopped renewing. After a worker left, also the
     * chunks neither held nor queued for {@link #UNACCOUNTED_NANOS}: taken by a member that died
     * before it could say so (a live taker says so in milliseconds).
     */
    private void sweep(boolean workerLost) {
        if (closed) {
            return;
        }
        try {
            Set<String> live = new HashSet<>();
            for (Member m : hz.getCluster().getMembers()) {
                live.add(m.getUuid().toString());
            }
            long now = System.nanoTime();
            List<WorkerState> liveWorkers = new ArrayList<>();
            for (WorkerState worker : Structures.workers(hz).values()) {
                long[] seen = beatsSeen.computeIfAbsent(worker.uuid(), u -> new long[] {worker.beats(), now});
                if (seen[0] != worker.beats()) {
                    seen[0] = worker.beats();
                    seen[1] = now;
                }
                if (live.contains(worker.uuid())) {
                    liveWorkers.add(worker);
                }
            }
            var lost = new LinkedHashMap<String, List<Pending>>(); // "w2 left the cluster" -> its chunks
            var unheld = new ArrayList<Pending>();
            for (Pending chunk : pending.values()) {
                String holder = chunk.holder;
                if (holder == null) {
                    unheld.add(chunk);
                } else if (!live.contains(holder)) {
                    lost.computeIfAbsent(chunk.holderName + " left the cluster", w -> new ArrayList<>()).add(chunk);
                } else {
                    long[] seen = beatsSeen.get(holder);
                    if (seen != null && now - seen[1] > LEASE_NANOS) {
                        lost.computeIfAbsent(chunk.holderName + " stopped renewing its leases", w -> new ArrayList<>()).add(chunk);
                    }
                }
            }
            if (workerLost) {
                unaccountedSince = now;
            }
            if (unaccountedSince != 0) {
                findUnaccounted(unheld, now, lost);
            }
            lost.forEach(this::runAgain);
            noteWaitingKinds(liveWorkers);
            publish();
        } catch (HazelcastInstanceNotActiveException e) {
            LOG.debug("no lease sweep: the member has stopped");
        } catch (RuntimeException e) {
            LOG.warn("lease sweep failed: {}", e.toString());
        }
    }

    /** For a while after a worker left: chunks neither held nor queued twice, {@link #UNACCOUNTED_NANOS} apart. */
    private void findUnaccounted(List<Pending> unheld, long now, Map<String, List<Pending>> lost) {
        Set<Long> queued = unheld.isEmpty() ? Set.of() : queuedSerials(unheld);
        boolean suspects = false;
        for (Pending chunk : unheld) {
            if (queued.contains(chunk.offer.serial())) {
                chunk.unaccountedSince = 0;
            } else if (chunk.unaccountedSince == 0) {
                chunk.unaccountedSince = now;
                suspects = true;
            } else if (now - chunk.unaccountedSince > UNACCOUNTED_NANOS) {
                chunk.unaccountedSince = 0;
                // taken by it before it could say so, or its message lost with it
                lost.computeIfAbsent(lastLost + " left the cluster", w -> new ArrayList<>()).add(chunk);
            } else {
                suspects = true;
            }
        }
        if (!suspects && now - unaccountedSince > 2 * UNACCOUNTED_NANOS) {
            unaccountedSince = 0; // nothing more to look for
        }
    }

    /** This job's chunks still in the queues of the kinds of {@code chunks}. */
    private Set<Long> queuedSerials(List<Pending> chunks) {
        var queued = new HashSet<Long>();
        for (String kind : new TreeSet<>(chunks.stream().map(c -> c.offer.kind()).toList())) {
            for (ChunkOffer offer : Structures.chunks(hz, kind)) {
                if (offer.jobId().equals(jobId)) {
                    queued.add(offer.serial());
                }
            }
        }
        return queued;
    }

    private void runAgain(String why, List<Pending> chunks) {
        var keys = new ArrayList<TaskKey>();
        for (Pending chunk : chunks) {
            if (!pending.containsKey(chunk.offer.serial())) {
                continue; // its result arrived meanwhile
            }
            chunk.holder = null;
            chunk.holderName = null;
            Structures.chunks(hz, chunk.offer.kind()).offer(chunk.offer);
            rerun.incrementAndGet();
            keys.add(chunk.offer.key());
        }
        if (!keys.isEmpty()) {
            LOG.warn("{}: running {} chunk(s) again: {}", why, keys.size(), keys.stream().map(TaskKey::toString).toList());
            listener.rerun(why, keys);
        }
    }

    /** Says once per kind when chunks wait because no live worker takes their kind. */
    private void noteWaitingKinds(List<WorkerState> liveWorkers) {
        var waiting = new TreeSet<String>();
        for (Pending chunk : pending.values()) {
            String kind = chunk.offer.kind();
            if (liveWorkers.stream().noneMatch(w -> w.takes(kind))) {
                waiting.add(kind);
            }
        }
        for (String kind : waiting) {
            if (!waitingKinds.contains(kind)) {
                LOG.warn("chunks of kind {} wait: no live worker of cluster takes them (start a worker without --roles, or with --roles {})",
                        kind, kind);
            }
        }
        waitingKinds = Set.copyOf(waiting);
    }

    private void publish() {
        var state = new JobState(jobId, jobName, member, hz.getCluster().getLocalMember().getUuid().toString(), startedMillis,
                submitted.get(), done.get(), failed.get(), rerun.get(), doneByMember(), List.copyOf(new TreeSet<>(waitingKinds)),
                System.currentTimeMillis());
        Structures.jobs(hz).set(jobId, state, Structures.STATE_TTL_SECONDS, TimeUnit.SECONDS);
    }

    /** Chunks finished, by the member that ran them. */
    public Map<String, Long> doneByMember() {
        var byMember = new TreeMap<String, Long>();
        doneByMember.forEach((m, n) -> byMember.put(m, n.sum()));
        return byMember;
    }

    /** Ends the job in the cluster: its queued chunks are withdrawn, its state removed, and this member leaves. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sweeper.shutdownNow();
        consumer.interrupt();
        try {
            hz.getCluster().removeMembershipListener(membershipRegistration);
            withdrawQueued();
            Structures.jobs(hz).delete(jobId);
            Structures.messages(hz, replyTo).destroy();
        } catch (RuntimeException e) {
            LOG.debug("could not tidy job {} in the cluster: {}", jobId, e.toString());
        }
        for (Pending chunk : pending.values()) {
            chunk.future.completeExceptionally(new IllegalStateException("job " + jobId + " ended before chunk "
                    + chunk.offer.key() + " finished"));
        }
        local.close();
        stores.close();
        hz.getLifecycleService().shutdown();
        if (duplicates.get() > 0) {
            LOG.info("job {}: {} late duplicate result(s) dropped", jobId, duplicates.get());
        }
    }

    private void withdrawQueued() {
        var kinds = new TreeSet<String>();
        pending.values().forEach(chunk -> kinds.add(chunk.offer.kind()));
        for (String kind : kinds) {
            IQueue<ChunkOffer> queue = Structures.chunks(hz, kind);
            var ours = new ArrayList<ChunkOffer>();
            for (ChunkOffer offer : queue) {
                if (offer.jobId().equals(jobId)) {
                    ours.add(offer);
                }
            }
            queue.removeAll(ours);
        }
    }

    @Override
    public String toString() {
        return "ClusterPool[job " + jobId + " (" + jobName + ") of " + member + "]";
    }
}
