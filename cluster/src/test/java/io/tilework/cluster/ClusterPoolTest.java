package io.tilework.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tilework.engine.Codec;
import io.tilework.engine.Engine;
import io.tilework.engine.Task;
import io.tilework.engine.TaskFailedException;
import io.tilework.engine.TaskKey;
import io.tilework.engine.pool.FunctionRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A coordinator and a worker, two Hazelcast members in this JVM: chunks, failures, large results, versions. */
class ClusterPoolTest {

    private static final Codec<Long> LONG = Codec.of(v -> ByteBuffer.allocate(8).putLong(v).array(), b -> ByteBuffer.wrap(b).getLong());
    private static final Codec<byte[]> BYTES = Codec.of(b -> b, b -> b);
    private static final String CLUSTER = "pool-test-" + UUID.randomUUID();
    private static final Map<String, Long> RUNS = new ConcurrentHashMap<>();

    @TempDir
    static Path store;

    private static Worker worker;
    private static ClusterPool pool;
    private static Engine engine;
    private static final List<ClusterPool.Listener> seen = new ArrayList<>();
    private static final Map<TaskKey, String> ranOn = new ConcurrentHashMap<>();
    private static int workerPort;

    @BeforeAll
    static void cluster() {
        workerPort = FreePorts.next();
        int coordinatorPort = FreePorts.next();
        List<String> join = List.of("127.0.0.1:" + workerPort, "127.0.0.1:" + coordinatorPort);
        var registry = new FunctionRegistry()
                .register("test.square", (parameters, inputs) -> {
                    RUNS.merge(parameters.get("n"), 1L, Long::sum);
                    long n = Long.parseLong(parameters.get("n"));
                    return LONG.encode(n * n);
                })
                .register("test.fail", (parameters, inputs) -> {
                    throw new IllegalArgumentException("chunk " + parameters.get("n") + " is always wrong");
                })
                .register("test.big", (parameters, inputs) -> {
                    byte[] big = new byte[Worker.INLINE_LIMIT * 4];
                    java.util.Arrays.fill(big, (byte) 7);
                    return big;
                });
        worker = Worker.start(new ClusterSettings(CLUSTER, join, null, workerPort, "w1", "1.0-test"),
                new Worker.Options(2, List.of(), null), registry);
        pool = ClusterPool.join(new ClusterSettings(CLUSTER, join, null, coordinatorPort, "coordinator", "1.0-test"), "test", 1,
                store, new ClusterPool.Listener() {
                    @Override
                    public void ran(TaskKey key, String member, long millis) {
                        ranOn.put(key, member);
                    }
                });
        engine = Engine.builder().pool(pool).build(); // the engine owns the pool: closing it ends the job
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        if (worker != null) {
            worker.close();
        }
    }

    private static Task<Long> square(long n) {
        TaskKey key = TaskKey.of("test.square", 1, "n-" + n);
        return Task.<Long>builder(key).codec(LONG).remote("test.square", Map.of("n", Long.toString(n)))
                .compute((in, cancel) -> {
                    throw new AssertionError("a remote task must not run on the coordinator");
                });
    }

    @Test
    void chunksRunOnTheWorkerAndTheirResultsComeBack() throws Exception {
        {
            var futures = new ArrayList<CompletableFuture<Long>>();
            for (long n = 1; n <= 50; n++) {
                futures.add(engine.submit(square(n)));
            }
            for (int i = 0; i < futures.size(); i++) {
                long n = i + 1;
                assertEquals(n * n, futures.get(i).get(60, TimeUnit.SECONDS));
                assertEquals("w1", ranOn.get(TaskKey.of("test.square", 1, "n-" + n)), "the listener names the member");
            }
        }
        assertTrue(RUNS.keySet().containsAll(Stream.iterate(1, n -> n + 1).limit(50).map(String::valueOf).toList()));
    }

    @Test
    void aFailingChunkFailsAsEmbeddedNamingTheChunkAndTheWorkerStaysUp() throws Exception {
        TaskKey key = TaskKey.of("test.fail", 1, "n-13");
        {
            var failing = Task.<Long>builder(key).codec(LONG).remote("test.fail", Map.of("n", "13")).compute((in, cancel) -> 0L);
            var e = assertThrows(ExecutionException.class, () -> engine.submit(failing).get(60, TimeUnit.SECONDS));
            var failed = assertInstanceOf(TaskFailedException.class, e.getCause());
            assertEquals(key, failed.failedKey());
            assertInstanceOf(IllegalArgumentException.class, failed.getCause(), "the worker's exception, as it was thrown");
            assertEquals("chunk 13 is always wrong", failed.getCause().getMessage());
            assertEquals(49L, engine.submit(square(7)).get(60, TimeUnit.SECONDS), "the worker still runs chunks");
        }
    }

    @Test
    void aLargeResultGoesThroughTheSharedStore() throws Exception {
        TaskKey key = TaskKey.of("test.big", 1, "one");
        {
            byte[] big = engine.submit(Task.<byte[]>builder(key).codec(BYTES).remote("test.big", Map.of()).compute((in, cancel) -> new byte[0]))
                    .get(60, TimeUnit.SECONDS);
            assertEquals(Worker.INLINE_LIMIT * 4, big.length);
            byte[] expected = new byte[big.length];
            java.util.Arrays.fill(expected, (byte) 7);
            assertArrayEquals(expected, big);
        }
        try (Stream<Path> files = Files.walk(store)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith(key.id())), "the worker put it in the coordinator's store");
        }
    }

    @Test
    void aMemberOfAnotherVersionIsRefused() {
        int port = FreePorts.next();
        var other = new ClusterSettings(CLUSTER, List.of("127.0.0.1:" + workerPort), null, port, "old", "0.9-other");
        var refused = assertThrows(ClusterRequestInvalid.class, () -> ClusterMember.start(other, "worker"));
        assertTrue(refused.getMessage().contains("0.9-other") && refused.getMessage().contains("1.0-test"), refused.getMessage());
    }
}
