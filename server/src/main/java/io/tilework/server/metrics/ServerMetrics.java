package io.tilework.server.metrics;

import io.tilework.server.events.EventHub;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** What {@code /metrics} shows, in Prometheus's text format. */
public final class ServerMetrics {

    private final EngineCounters engines = new EngineCounters();
    private final RasterStreamCounters rasterStreams = new RasterStreamCounters();
    private final LongAdder transitions = new LongAdder();
    private final RecentRate transitionRate = new RecentRate();
    private final Map<String, LatencyHistogram> latency = new ConcurrentHashMap<>();
    private final EventHub hub;
    private final Supplier<Map<String, Long>> jobsByState;

    public ServerMetrics(EventHub hub, Supplier<Map<String, Long>> jobsByState) {
        this.hub = hub;
        this.jobsByState = jobsByState;
    }

    /** The listener every engine the server builds gets. */
    public EngineCounters engines() {
        return engines;
    }

    /** What the raster read streams count. */
    public RasterStreamCounters rasterStreams() {
        return rasterStreams;
    }

    /** A process instance made a transition (an event committed). */
    public void transition() {
        transitions.increment();
        transitionRate.add(1);
    }

    /** An HTTP request to {@code route} ({@code GET /api/jobs/{id}}) took {@code nanos}. */
    public void request(String route, long nanos) {
        latency.computeIfAbsent(route, r -> new LatencyHistogram()).record(nanos);
    }

    /**
     * @param pools  slots, running and queued per pool name, over the engines running now
     * @param budget bytes held and the budget
     */
    public String prometheus(Map<String, int[]> pools, long[] budget) {
        var out = new StringBuilder(4096);
        help(out, "tilework_pool_slots", "gauge", "threads (or workers) of each pool over the engines running now");
        pools.forEach((name, p) -> sample(out, "tilework_pool_slots", "pool=\"" + escape(name) + "\"", p[0]));
        help(out, "tilework_pool_running", "gauge", "chunks running in each pool");
        pools.forEach((name, p) -> sample(out, "tilework_pool_running", "pool=\"" + escape(name) + "\"", p[1]));
        help(out, "tilework_pool_queued", "gauge", "chunks ready and waiting for a slot in each pool");
        pools.forEach((name, p) -> sample(out, "tilework_pool_queued", "pool=\"" + escape(name) + "\"", p[2]));
        help(out, "tilework_budget_held_bytes", "gauge", "bytes of chunk results held in memory");
        sample(out, "tilework_budget_held_bytes", null, budget[0]);
        help(out, "tilework_budget_bytes", "gauge", "the memory budget of the engines running now");
        sample(out, "tilework_budget_bytes", null, budget[1]);
        help(out, "tilework_cache_hits_total", "counter", "chunks served by a chunk store");
        sample(out, "tilework_cache_hits_total", null, engines.hits.sum());
        help(out, "tilework_cache_misses_total", "counter", "chunks looked up and not found");
        sample(out, "tilework_cache_misses_total", null, engines.misses.sum());
        help(out, "tilework_cache_hit_bytes_total", "counter", "bytes read from chunk stores");
        sample(out, "tilework_cache_hit_bytes_total", null, engines.hitBytes.sum());
        help(out, "tilework_chunks_total", "counter", "chunks computed");
        sample(out, "tilework_chunks_total", null, engines.chunks.sum());
        help(out, "tilework_chunks_failed_total", "counter", "chunk attempts that failed");
        sample(out, "tilework_chunks_failed_total", null, engines.failed.sum());
        help(out, "tilework_chunk_bytes_total", "counter", "bytes of chunk results computed");
        sample(out, "tilework_chunk_bytes_total", null, engines.bytes.sum());
        help(out, "tilework_chunks_per_second", "gauge", "chunks computed per second over the last 5 s");
        sample(out, "tilework_chunks_per_second", null, engines.chunksPerSecond());
        help(out, "tilework_jobs", "gauge", "jobs by state");
        jobsByState.get().forEach((state, count) -> sample(out, "tilework_jobs", "state=\"" + state + "\"", count));
        help(out, "tilework_process_transitions_total", "counter", "events committed by process instances");
        sample(out, "tilework_process_transitions_total", null, transitions.sum());
        help(out, "tilework_process_transitions_per_second", "gauge", "process transitions per second over the last 5 s");
        sample(out, "tilework_process_transitions_per_second", null, transitionRate.perSecond());
        help(out, "tilework_event_subscribers", "gauge", "clients of the event stream");
        sample(out, "tilework_event_subscribers", null, hub.subscribers());
        help(out, "tilework_event_subscribers_dropped_total", "counter", "event stream clients dropped for falling behind");
        sample(out, "tilework_event_subscribers_dropped_total", null, hub.droppedCount());
        help(out, "tilework_raster_streams_active", "gauge", "raster read streams being written");
        sample(out, "tilework_raster_streams_active", null, rasterStreams.active.get());
        help(out, "tilework_raster_windows_sent_total", "counter", "raster windows written to clients");
        sample(out, "tilework_raster_windows_sent_total", null, rasterStreams.sent.sum());
        help(out, "tilework_raster_windows_cancelled_total", "counter", "raster windows asked for and not sent because the client went away");
        sample(out, "tilework_raster_windows_cancelled_total", null, rasterStreams.cancelled.sum());
        help(out, "tilework_raster_bytes_sent_total", "counter", "bytes of raster stream frames written (lengths, headers and arrays)");
        sample(out, "tilework_raster_bytes_sent_total", null, rasterStreams.bytes.sum());
        help(out, "tilework_raster_read_ahead_bytes", "gauge", "bytes of raster windows computed or being computed for streams and not yet written");
        sample(out, "tilework_raster_read_ahead_bytes", null, rasterStreams.readAhead.get());
        help(out, "tilework_http_request_duration_seconds", "histogram", "time to answer HTTP requests, by route");
        new java.util.TreeMap<>(latency).forEach((route, histogram) ->
                histogram.write(out, "tilework_http_request_duration_seconds", "route=\"" + escape(route) + "\""));
        return out.toString();
    }

    private static void help(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name);
        if (labels != null) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(String.format(Locale.ROOT, "%.4f", value));
        }
        out.append('\n');
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
