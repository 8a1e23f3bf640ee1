package io.tilework.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import io.tilework.engine.pool.FunctionRegistry;
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
import java.util.concurrent.ExecutorService;
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
    /** How long a fetcher waits on its queue before it looks at the drain flag again. */
    private static final long POLL_MILLIS = 250;

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
    private final SharedStores stores = new SharedStores();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong beats = new AtomicLong();
    private final List<Thread> fetchers = new ArrayList<>();
    private final ExecutorService runner;
    private final Object slots = new Object();
    private int inFlight; // chunks taken and not finished, guarded by slots
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
        this.runner = Executors.newFixedThreadPool(options.threads(), Thread.ofPlatform().name("tilework-worker-", 1).factory());
    }

    /** Joins the cluster and starts taking chunks of {@code options.kinds()} (every registered kind when empty). */
    public static Worker start(ClusterSettings settings, Options options, FunctionRegistry registry) {
        List<String> kinds = kinds(options.kinds(), registry);
        HazelcastInstance hz = ClusterMember.start(settings, ClusterMember.WORKER);
        var worker = new Worker(hz, settings, options, registry, kinds);
        worker.publish();
        worker.heartbeat.scheduleAtFixedRate(worker::beat, 1, 1, TimeUnit.SECONDS);
        for (String kind : kinds) {
            worker.fetchers.add(Thread.ofVirtual().name("tilework-fetch-" + kind).start(() -> worker.fetch(kind)));
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

    /**
     * Takes chunks of one kind while this worker has a free thread. A fetcher per kind waits on its
     * queue, so a chunk is taken the moment it is offered whatever its kind; when fetchers of several
     * kinds take one at once, the extra ones wait here, already announced, for a thread.
     */
    private void fetch(String kind) {
        var queue = Structures.chunks(hz, kind);
        while (!draining) {
            try {
                synchronized (slots) {
                    while (inFlight >= options.threads() && !draining) {
                        slots.wait();
                    }
                }
                if (draining) {
                    return;
                }
                ChunkOffer offer = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (offer == null || draining && handBack(offer)) {
                    continue;
                }
                if (!jobAlive(offer.jobId())) {
                    LOG.debug("dropped chunk {} of job {}: its coordinator is gone", offer.key(), offer.jobId());
                    continue;
                }
                take(offer);
            } catch (InterruptedException e) {
                return;
            } catch (HazelcastInstanceNotActiveException e) {
                return;
            } catch (RuntimeException e) {
                if (!draining) {
                    LOG.warn("cannot take chunks of kind {}: {}", kind, e.toString());
                }
            }
        }
    }

    /**
     * Announces the chunk (its lease, renewed by the heartbeat), then runs it on a free thread. The
     * announcement comes first so that a worker that dies holding a chunk is always known to hold it.
     */
    private void take(ChunkOffer offer) {
        synchronized (slots) {
            inFlight++;
        }
        running.put(offer.leaseId(), offer);
        Structures.messages(hz, offer.replyTo()).offer(new ChunkStarted(offer.jobId(), offer.serial(), uuid, settings.member()));
        LOG.info("took chunk {} of job {}", offer.key(), offer.jobId());
        runner.execute(() -> {
            try {
                if (running.containsKey(offer.leaseId())) { // not handed back meanwhile
                    finish(offer, run(offer));
                }
            } finally {
                synchronized (slots) {
                    inFlight--;
                    slots.notifyAll();
                }
            }
        });
    }

    /** Logs the chunk's end, then sends its result: a log that shows no end means no result was sent. */
    private void finish(ChunkOffer offer, ChunkResult result) {
        LOG.info("finished chunk {} of job {} in {} ms{}", offer.key(), offer.jobId(), result.millis(),
                result.failure() == null ? "" : ": failed, " + result.failure());
        try {
            if (jobAlive(offer.jobId())) {
                Structures.messages(hz, offer.replyTo()).offer(result);
            }
        } catch (HazelcastInstanceNotActiveException e) {
            LOG.warn("chunk {} finished after this member stopped; its coordinator runs it elsewhere", offer.key());
        } finally {
            running.remove(offer.leaseId());
        }
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
            stores.at(directory.toString()).put(offer.key(), bytes);
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
        Structures.workers(hz).set(uuid, state, Structures.STATE_TTL_SECONDS, TimeUnit.SECONDS);
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
        synchronized (slots) {
            slots.notifyAll();
        }
        // not interrupted: a poll cut short could lose the chunk it took; each ends within its poll time
        for (Thread fetcher : fetchers) {
            try {
                fetcher.join(Duration.ofMillis(4 * POLL_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        runner.shutdown();
        try {
            runner.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handBack();
        leave();
    }

    /** Puts a chunk taken while draining back in its queue; true. */
    private boolean handBack(ChunkOffer offer) {
        Structures.chunks(hz, offer.kind()).offer(offer);
        return true;
    }

    /** Puts the chunks still running (or waiting for a thread) back in their queues for other workers. */
    private void handBack() {
        var held = new ArrayList<ChunkOffer>();
        for (ChunkOffer offer : List.copyOf(running.values())) {
            if (running.remove(offer.leaseId()) != null) {
                Structures.chunks(hz, offer.kind()).offer(offer);
                held.add(offer);
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
        stores.close();
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
        fetchers.forEach(Thread::interrupt);
        runner.shutdownNow();
        handBack();
        leave();
    }
}
