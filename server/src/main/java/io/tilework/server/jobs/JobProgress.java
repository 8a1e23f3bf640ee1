package io.tilework.server.jobs;

import io.tilework.engine.job.JobContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job's progress as the job reports it, with the rate (units per second, smoothed over the
 * last seconds) and the time left at that rate.
 */
final class JobProgress implements JobContext.Progress {

    private static final double SMOOTHING_SECONDS = 5;

    private final Runnable changed;
    private long done;
    private long total;
    private String message = "";
    private double rate;
    private long lastDone;
    private long lastNanos = System.nanoTime();

    /** @param changed told after each update (it throttles itself) */
    JobProgress(Runnable changed) {
        this.changed = changed;
    }

    @Override
    public void update(long done, long total, String message) {
        synchronized (this) {
            long now = System.nanoTime();
            double seconds = (now - lastNanos) / 1e9;
            if (done < lastDone) { // a new stage counts from zero
                lastDone = 0;
            }
            if (seconds >= 0.25) {
                double instant = (done - lastDone) / seconds;
                double weight = Math.min(1, seconds / SMOOTHING_SECONDS);
                rate = rate == 0 ? instant : rate + weight * (instant - rate);
                lastDone = done;
                lastNanos = now;
            }
            this.done = done;
            this.total = total;
            this.message = message == null ? "" : message;
        }
        changed.run();
    }

    /** The progress as the API shows it. */
    synchronized Map<String, Object> view(boolean finishedWell) {
        var view = new LinkedHashMap<String, Object>();
        long shownDone = finishedWell && total > 0 ? total : done;
        view.put("done", shownDone);
        view.put("total", total);
        view.put("fraction", finishedWell ? 1.0 : total > 0 ? Math.min(1.0, (double) shownDone / total) : 0.0);
        view.put("message", message);
        view.put("ratePerSecond", round(rate));
        view.put("etaSeconds", !finishedWell && rate > 0 && total > done ? round((total - done) / rate) : null);
        return view;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
