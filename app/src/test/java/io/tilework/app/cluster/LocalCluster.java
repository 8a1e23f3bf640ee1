package io.tilework.app.cluster;

import io.tilework.app.ChildTilework;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Worker JVMs of one cluster on 127.0.0.1, started with {@code tilework worker} as a user would: a
 * unique cluster name, ports away from Hazelcast's defaults, each worker's output in {@code logs}.
 */
final class LocalCluster implements AutoCloseable {

    final String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path logs;
    private final List<Integer> ports = new ArrayList<>();
    private final Map<String, ChildTilework.Running> workers = new LinkedHashMap<>();

    /** A cluster whose join list has room for {@code members} (workers and coordinators). */
    LocalCluster(Path logs, int members) {
        this.logs = logs;
        for (int i = 0; i < members; i++) {
            ports.add(freePort());
        }
    }

    /** The join list: every member's address. */
    String join() {
        return String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    /** The port of member number {@code index} in the join list. */
    int port(int index) {
        return ports.get(index);
    }

    /** Starts worker {@code name} on the port of member {@code index}, and waits until it has joined. */
    ChildTilework.Running worker(String name, int index, String... more) throws IOException, InterruptedException {
        var args = new ArrayList<>(List.of("worker", "--cluster", this.name, "--join", join(), "--port", Integer.toString(port(index)),
                "--name", name, "--threads", "1"));
        args.addAll(List.of(more));
        ChildTilework.Running worker = ChildTilework.start(logs, name, args.toArray(String[]::new));
        workers.put(name, worker);
        awaitLog(worker, log -> log.contains("worker " + name + " joined cluster"), 60);
        return worker;
    }

    /** The options that make a job command the coordinator, on the port of member {@code index}. */
    List<String> coordinator(int index) {
        return List.of("--cluster", name, "--join", join(), "--port", Integer.toString(port(index)));
    }

    ChildTilework.Running worker(String name) {
        return workers.get(name);
    }

    /** Waits until {@code child}'s standard error satisfies {@code condition}; fails naming it if it ends first. */
    static String awaitLog(ChildTilework.Running child, Predicate<String> condition, int seconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            String log = Files.readString(child.err());
            if (condition.test(log)) {
                return log;
            }
            if (!child.process().isAlive()) {
                throw new AssertionError("the child ended (exit " + child.process().exitValue() + ") before its log showed what was awaited:\n"
                        + log);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not in the log after " + seconds + " s:\n" + Files.readString(child.err()));
    }

    /** The decile a child's progress bar (one line per 10 % when not on a terminal) last reached. */
    static int progressPercent(String log) {
        int percent = 0;
        for (String line : log.lines().toList()) {
            if (line.startsWith("[") && line.indexOf(']') == 31) {
                percent = (int) (line.substring(1, 31).chars().filter(c -> c == '#').count() * 100 / 30);
            }
        }
        return percent;
    }

    @Override
    public void close() {
        for (ChildTilework.Running worker : workers.values()) {
            worker.process().destroyForcibly();
        }
        for (ChildTilework.Running worker : workers.values()) {
            try {
                worker.process().waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
