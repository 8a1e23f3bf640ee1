package io.tilework.bench.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Jobs run through the server under a load of concurrent clients, or alone: POLLERS clients poll
 * the API every INTERVAL ({@link PollingClient}) and STREAMS clients hold the event stream
 * ({@link StreamingClient}), each on a virtual thread with a connection of its own; with any
 * client, the load runs WARM_UP first; then the job JOB_JSON runs again and again ({@link ServedJob},
 * timed by a client of its own that polls every 50 ms), JOBS times, or with {@code --jobs 0} back to
 * back while less than SECONDS have passed since the load began. The load lasts until the last job
 * has ended. Prints one line:
 * <pre>jobs=2 job_s=12.345,12.210 server_s=12.301,12.170 pollers=40 streams=10 load_s=31.2 requests=6000 errors=0
 * p50_ms=3.1 p99_ms=40.2 max_ms=120.0 stream_events=5000 stream_p50_ms=1.0 stream_p99_ms=12.0 stream_max_ms=30.0
 * job_p50_ms=.. job_p99_ms=.. job_max_ms=.. dashboard_p50_ms=.. (and so on for each route: job, dashboard, jobs)</pre>
 * and the first errors on stderr. Exits 1 when a job did not succeed.
 *
 * <pre>java -cp tilework-bench.jar io.tilework.bench.server.ServerLoad BASE_URL JOB_JSON [--pollers 40] [--streams 10]
 *     [--seconds 30] [--jobs 0] [--interval-ms 200] [--warm-up-ms 5000]</pre>
 */
public final class ServerLoad {

    private static final Duration JOB_POLL = Duration.ofMillis(50);

    private final URI base;
    private final Options options;
    private final Latencies latencies = new Latencies();
    private final Map<String, Latencies> byRoute = PollingClient.ROUTES.stream().collect(Collectors.toMap(r -> r, r -> new Latencies()));
    private final Latencies streamLatencies = new Latencies();
    private final AtomicLong streamEvents = new AtomicLong();
    private final Failures failures = new Failures();
    private final AtomicReference<String> currentJob = new AtomicReference<>();
    private volatile boolean running = true;

    /** What the command line asks for. */
    record Options(String job, int pollers, int streams, int seconds, int jobs, Duration interval, Duration warmUp) {

        static Options parse(String[] args) {
            String job = args[1];
            int pollers = 40;
            int streams = 10;
            int seconds = 30;
            int jobs = 0;
            long interval = 200;
            long warmUp = 5_000;
            for (int i = 2; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                int value = Integer.parseInt(args[i + 1]);
                switch (args[i]) {
                    case "--pollers" -> pollers = value;
                    case "--streams" -> streams = value;
                    case "--seconds" -> seconds = value;
                    case "--jobs" -> jobs = value;
                    case "--interval-ms" -> interval = value;
                    case "--warm-up-ms" -> warmUp = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(job, pollers, streams, seconds, jobs, Duration.ofMillis(interval), Duration.ofMillis(warmUp));
        }
    }

    private ServerLoad(URI base, Options options) {
        this.base = base;
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ServerLoad BASE_URL JOB_JSON [--pollers N] [--streams N] [--seconds S] [--jobs N] [--interval-ms MS] [--warm-up-ms MS]");
            System.exit(2);
        }
        System.exit(new ServerLoad(URI.create(args[0]), Options.parse(args)).run());
    }

    private int run() throws Exception {
        var threads = new ArrayList<Thread>();
        var streams = new ArrayList<StreamingClient>();
        for (int i = 0; i < options.streams(); i++) {
            var stream = new StreamingClient(base, streamLatencies, streamEvents, failures, () -> running);
            streams.add(stream);
            threads.add(Thread.ofVirtual().name("stream-" + i).start(stream));
        }
        for (int i = 0; i < options.pollers(); i++) {
            threads.add(Thread.ofVirtual().name("poller-" + i).start(
                    new PollingClient(base, i, options.interval(), currentJob::get, latencies, byRoute, failures, () -> running)));
        }
        long start = System.nanoTime();
        if (!threads.isEmpty()) {
            Thread.sleep(options.warmUp()); // the load in its stride before the job starts
        }
        var runs = new ArrayList<ServedJob.Run>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            do {
                runs.add(ServedJob.run(client, base, options.job(), JOB_POLL, currentJob::set));
            } while (options.jobs() > 0 ? runs.size() < options.jobs() : System.nanoTime() - start < options.seconds() * 1_000_000_000L);
        } finally {
            running = false;
            streams.forEach(StreamingClient::stop);
            for (Thread thread : threads) {
                if (!thread.join(Duration.ofSeconds(30))) {
                    failures.add(thread.getName() + " did not stop within 30 s");
                }
            }
        }
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        System.out.println(summary(runs, loadSeconds));
        failures.first().forEach(message -> System.err.println("error: " + message));
        List<ServedJob.Run> failed = runs.stream().filter(r -> !r.state().equals("succeeded")).toList();
        failed.forEach(r -> System.err.println("job " + r.id() + " " + r.state() + ": " + r.error()));
        return failed.isEmpty() ? 0 : 1;
    }

    private String summary(List<ServedJob.Run> runs, double loadSeconds) {
        return String.format(Locale.ROOT, "jobs=%d job_s=%s server_s=%s pollers=%d streams=%d load_s=%.1f requests=%d errors=%d %s stream_events=%d %s",
                runs.size(), join(runs, ServedJob.Run::seconds), join(runs, ServedJob.Run::serverSeconds), options.pollers(), options.streams(),
                loadSeconds, latencies.count(), failures.count(), latencies.summary(""), streamEvents.get(), streamLatencies.summary("stream_"))
                + PollingClient.ROUTES.stream().map(r -> " " + byRoute.get(r).summary(r + "_")).collect(Collectors.joining());
    }

    private static String join(List<ServedJob.Run> runs, java.util.function.ToDoubleFunction<ServedJob.Run> figure) {
        return runs.stream().map(r -> String.format(Locale.ROOT, "%.3f", figure.applyAsDouble(r))).collect(Collectors.joining(","));
    }
}
