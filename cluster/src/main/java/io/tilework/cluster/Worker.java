package io.tilework.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import io.tilework.engine.pool.FunctionRegistry;
import io.tilework.engine.store.ChunkStore;
import io.tilework.engine.store.DiskChunkStore;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member that runs chunks for any job: its threads pull offers from the queues of the kinds it
 * takes, lease each (the lease lives as long as the worker's heartbeat goes on), run it through the
 * {@link FunctionRegistry} and send the result to the job's coordinator. Draining takes no new chunk
 * and lets the running ones finish; what is still running at the drain's end is handed back.
 */
public final class Worker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    /** Results up to this size travel in the message; larger ones go to a chunk store on the shared disk. */
    static final int INLINE_LIMIT = 256 * 1024;
    private static final long STORE_QUOTA = 1L << 40; // the coordinator's own store instance enforces the user's quota
    private static final long MAX_IDLE_SLEEP_MILLIS = 50;

    /**
     * @param kinds the chunk kinds it takes (its roles); empty for every kind it knows
     * @param cache where large results go when a job's coordinator has no store; may be null
     */
    public record Options(int threads, List<String> kinds, Path cache) {
        public Options {
            if (threads < 1) {
                throw new ClusterRequestInvalid("--threads must be at least 1, not " + threads);
            }
            kinds = List.copyOf(kinds);
        }
    }

    private final HazelcastInstance hz;
    private final ClusterSettings settings;
    private final Options options;
    private final FunctionRegistry registry;
    private final List<String> kinds;
    private final String uuid;
    private final String address;
    private final Map<String, ChunkOffer> running = new ConcurrentHashMap<>();
    private final Map<String, Long> liveJobs = new ConcurrentHashMap<>();
    private final Map<String, ChunkStore> stores = new ConcurrentHashMap<>();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong beats = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService heartbeat;
    private final CountDownLatch left = new CountDownLatch(1);
    private final AtomicBoolean leaving = new AtomicBoolean();
    private volatile boolean draining;

    private Worker(HazelcastInstance hz, ClusterSettings settings, Options options, FunctionRegistry registry, List<String> kinds) {
        this.hz = hz;
        this.settings = settings;
        this.options = options;
        this.registry = registry;
        this.kinds = kinds;
        Member local = hz.getCluster().getLocalMember();
        this.uuid = local.getUuid().toString();
        this.address = local.getAddress().getHost() + ":" + local.getAddress().getPort();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tilework-heartbeat").daemon(true).factory());
    }

    /** Joins the cluster and starts taking chunks of {@code options.kinds()} (every registered kind when empty). */
    public static Worker start(ClusterSettings settings, Options options, FunctionRegistry registry) {
        List<String> kinds = kinds(options.kinds(), registry);
        HazelcastInstance hz = ClusterMember.start(settings, "worker");
        var worker = new Worker(hz, settings, options, registry, kinds);
        worker.publish();
        worker.heartbeat.scheduleAtFixedRate(worker::beat, 1, 1, TimeUnit.SECONDS);
        for (int i = 0; i < options.threads(); i++) {
            Thread thread = Thread.ofPlatform().name("tilework-worker-" + (i + 1)).start(worker::takeChunks);
            worker.threads.add(thread);
        }
        LOG.info("worker {} joined cluster '{}' at {} ({} members), Tilework {}, {} thread(s), takes {}", settings.member(),
                settings.clusterName(), worker.address, hz.getCluster().getMembers().size(), settings.version(),
                options.threads(), options.kinds().isEmpty() ? "every kind " + kinds : "kinds " + kinds);
        return worker;
    }

    private static List<String> kinds(List<String> roles, FunctionRegistry registry) {
        if (registry.names().isEmpty()) {
            throw new ClusterRequestInvalid("this worker knows no chunk kind: no module with remote functions is on its class path");
        }
        if (roles.isEmpty()) {
            return List.copyOf(registry.names());
        }
        for (String role : roles) {
            if (!registry.names().contains(role)) {
                throw new ClusterRequestInvalid("--roles: no chunk kind '" + role + "'; kinds: " + String.join(", ", registry.names()));
            }
        }
        return List.copyOf(new TreeSet<>(roles));
    }

    /** This member's address, HOST:PORT. */
    public String address() {
        return address;
    }

    /** Chunks finished (successfully or not) since the start. */
    public long finished() {
        return done.get() + failed.get();
    }

    private void takeChunks() {
        int idle = 0;
        int next = 0;
        while (!draining) {
            ChunkOffer offer;
            try {
                offer = poll(next++);
            } catch (HazelcastInstanceNotActiveException e) {
                return;
            }
            if (offer == null) {
                sleep(Math.min(MAX_IDLE_SLEEP_MILLIS, 1L << idle));
                idle = Math.min(idle + 1, 6);
                continue;
            }
            idle = 0;
            if (!jobAlive(offer.jobId())) {
                LOG.debug("dropped chunk {} of job {}: its coordinator is gone", offer.key(), offer.jobId());
                continue;
            }
            runLeased(offer);
        }
    }

    private ChunkOffer poll(int start) {
        for (int i = 0; i < kinds.size(); i++) {
            ChunkOffer offer = Structures.chunks(hz, kinds.get((start + i) % kinds.size())).poll();
            if (offer != null) {
                return offer;
            }
        }
        return null;
    }

    private void runLeased(ChunkOffer offer) {
        running.put(offer.leaseId(), offer);
        publish(); // the lease: from here on a coordinator knows who holds the chunk
        LOG.info("took chunk {} of job {}", offer.key(), offer.jobId());
        ChunkResult result = run(offer);
        try {
            if (jobAlive(offer.jobId())) {
                Structures.results(hz, offer.jobId()).offer(result);
            }
        } finally {
            running.remove(offer.leaseId());
        }
        LOG.info("finished chunk {} of job {} in {} ms{}", offer.key(), offer.jobId(), result.millis(),
                result.failure() == null ? "" : ": failed, " + result.failure());
    }

    private ChunkResult run(ChunkOffer offer) {
        long start = System.nanoTime();
        try {
            byte[] bytes = registry.run(offer.descriptor());
            String storedAt = bytes.length > INLINE_LIMIT ? store(offer, bytes) : null;
            done.incrementAndGet();
            return new ChunkResult(offer.jobId(), offer.serial(), settings.member(), storedAt == null ? bytes : null, storedAt,
                    null, (System.nanoTime() - start) / 1_000_000);
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            failed.incrementAndGet();
            return new ChunkResult(offer.jobId(), offer.serial(), settings.member(), null, null, travelling(e),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Puts a large result in the coordinator's store (or this worker's); null when there is none or it fails. */
    private String store(ChunkOffer offer, byte[] bytes) {
        Path directory = offer.storePath() != null ? Path.of(offer.storePath()) : options.cache();
        if (directory == null) {
            return null;
        }
        try {
            stores.computeIfAbsent(directory.toString(), d -> DiskChunkStore.open(Path.of(d), STORE_QUOTA, event -> { }))
                    .put(offer.key(), bytes);
            return directory.toString();
        } catch (RuntimeException e) {
            LOG.warn("cannot put the result of chunk {} in {} ({}); it is sent in the message", offer.key(), directory, e.getMessage());
            return null;
        }
    }

    /** The failure itself when it can be serialised, else its class and message. */
    static Throwable travelling(Throwable failure) {
        try (var out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(failure);
            return failure;
        } catch (IOException | RuntimeException e) {
            return new RemoteChunkFailure(failure.getClass().getName() + ": " + failure.getMessage());
        }
    }

    /** Whether the job's coordinator is still a member; remembered for a second. */
    private boolean jobAlive(String jobId) {
        long now = System.nanoTime();
        Long checked = liveJobs.get(jobId);
        if (checked != null && now - checked < 1_000_000_000L) {
            return true;
        }
        JobState job = Structures.jobs(hz).get(jobId);
        boolean alive = job != null && hz.getCluster().getMembers().stream()
                .anyMatch(m -> m.getUuid().toString().equals(job.coordinatorUuid()));
        if (alive) {
            liveJobs.put(jobId, now);
        } else {
            liveJobs.remove(jobId);
        }
        return alive;
    }

    private void beat() {
        try {
            beats.incrementAndGet();
            publish();
        } catch (HazelcastInstanceNotActiveException e) {
            LOG.debug("no heartbeat: the member has stopped");
        } catch (RuntimeException e) {
            LOG.warn("heartbeat failed: {}", e.toString());
        }
    }

    /** Publishes state and leases; serialised so that an older snapshot never overwrites a newer one. */
    private synchronized void publish() {
        var state = new WorkerState(uuid, settings.member(), address, settings.version(), options.threads(),
                options.kinds(), List.copyOf(running.keySet()), done.get(), failed.get(), beats.get(),
                System.currentTimeMillis(), draining);
        Structures.workers(hz).set(uuid, state, Structures.WORKER_STATE_TTL_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Takes no new chunk, waits up to {@code timeout} for the running ones, hands back what is still
     * running, then leaves the cluster.
     */
    public void drain(Duration timeout) {
        if (!draining) {
            draining = true;
            LOG.info("worker {} draining: takes no new chunk, finishes the {} it runs (at most {} s)", settings.member(),
                    running.size(), timeout.toSeconds());
            beat();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    thread.join(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        handBack();
        leave();
    }

    /** Puts the chunks still running back in their queues for other workers. */
    private void handBack() {
        var held = new ArrayList<>(running.values());
        for (ChunkOffer offer : held) {
            if (running.remove(offer.leaseId()) != null) {
                Structures.chunks(hz, offer.kind()).offer(offer);
            }
        }
        if (!held.isEmpty()) {
            LOG.info("worker {} handed back {} chunk(s): {}", settings.member(), held.size(),
                    held.stream().map(o -> o.key().toString()).toList());
        }
    }

    private void leave() {
        if (!leaving.compareAndSet(false, true)) {
            return;
        }
        heartbeat.shutdownNow();
        try {
            Structures.workers(hz).delete(uuid);
        } catch (RuntimeException e) {
            LOG.debug("could not remove this worker's state: {}", e.toString());
        }
        hz.getLifecycleService().shutdown();
        stores.values().forEach(ChunkStore::close);
        LOG.info("worker {} left cluster '{}': {} chunk(s) done, {} failed", settings.member(), settings.clusterName(),
                done.get(), failed.get());
        left.countDown();
    }

    /** Waits until the worker has left the cluster. */
    public void awaitLeft() throws InterruptedException {
        left.await();
    }

    /** Leaves at once: hands back running chunks. */
    @Override
    public void close() {
        draining = true;
        handBack();
        leave();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
