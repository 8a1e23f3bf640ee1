package io.tilework.process.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tilework.engine.CancellationToken;
import io.tilework.engine.Engine;
import io.tilework.engine.job.Job;
import io.tilework.engine.job.JobContext;
import io.tilework.engine.job.JobParameters;
import io.tilework.engine.job.Jobs;
import io.tilework.process.engine.EngineContext;
import io.tilework.process.engine.DeliveryHandler;
import io.tilework.process.engine.Outcome;
import io.tilework.process.runtime.Values;
import io.tilework.process.store.OutboxEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker actor: {@code runJob} runs a kernel {@link Job} by name with its parameters and
 * answers {@code jobSucceeded} (with the job's summary as {@code result}) or {@code jobFailed}
 * (with the error; also when the instance rejects the success); {@code cancelJob} cancels the object's running job. The answer acknowledges
 * the outbox entry in the same transaction, so a job whose answer was committed is never run
 * again, and one interrupted by a crash runs again on the next engine.
 */
public final class JobRunner implements DeliveryHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jobs jobs;
    private final Supplier<Engine> kernel;
    private final ExecutorService executor;
    private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
    private final JobParameterCheck check;
    /** Cancels that came before their run ("instance/object#attempt"); the oldest forgotten past 1,000 (runs that never came). */
    private final Map<String, Boolean> cancelledEarly = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 1_000;
        }
    };

    /**
     * @param jobs    the jobs it may run
     * @param kernel  gives the kernel engine jobs run on (created when the first job needs it)
     * @param threads how many jobs run at once
     */
    public JobRunner(Jobs jobs, Supplier<Engine> kernel, int threads) {
        this(jobs, kernel, threads, JobParameterCheck.NONE);
    }

    /** As {@link #JobRunner(Jobs, Supplier, int)}, each job's parameters going through {@code check} first. */
    public JobRunner(Jobs jobs, Supplier<Engine> kernel, int threads, JobParameterCheck check) {
        this.check = check;
        this.jobs = jobs;
        this.kernel = kernel;
        this.executor = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("tilework-process-job-", 1).daemon().factory());
    }

    @Override
    public CompletionStage<?> deliver(OutboxEntry entry, EngineContext engine) {
        String object = entry.instance() + "/" + entry.object();
        return switch (entry.operation()) {
            case "cancelJob" -> {
                Object attempt = entry.payload().get("attempt");
                synchronized (running) {
                    Cancellation cancellation = running.get(object);
                    // A cancel names the run it means; a newer run of the same object is left alone.
                    if (cancellation != null && (attempt == null || attempt.equals(cancellation.attempt))) {
                        cancellation.cancelled = true;
                    } else if (cancellation == null) {
                        // Deliveries run concurrently: the cancel may overtake the run it cancels. Remembered,
                        // that run starts cancelled.
                        cancelledEarly.put(object + "#" + attempt, Boolean.TRUE);
                    }
                }
                yield engine.acknowledge(entry.key(), null);
            }
            case "runJob" -> {
                var cancellation = new Cancellation(entry.payload().get("attempt"));
                synchronized (running) {
                    running.put(object, cancellation);
                    if (cancelledEarly.remove(object + "#" + cancellation.attempt) != null || cancelledEarly.remove(object + "#null") != null) {
                        cancellation.cancelled = true;
                    }
                }
                yield CompletableFuture.supplyAsync(() -> run(entry, cancellation), executor)
                        .whenComplete((answer, failure) -> running.remove(object, cancellation))
                        .thenCompose(answer -> engine.event(entry.instance(), answer.event, entry.object(), answer.payload, entry.key())
                                .thenCompose(outcome -> answerRejected(entry, answer, outcome, engine)));
            }
            default -> throw new IllegalArgumentException("the worker does not know operation '" + entry.operation()
                    + "' (it runs runJob and cancelJob)");
        };
    }

    private record Answer(String event, Map<String, Object> payload) {
    }

    /**
     * A success the instance rejected (its triggers failed on the result) would leave the activity
     * running for ever: it becomes a failure of the same run, with the reason, so retries and
     * failure paths apply. The rejected answer already acknowledged the runJob entry.
     */
    private static CompletionStage<Outcome> answerRejected(OutboxEntry entry, Answer answer, Outcome outcome, EngineContext engine) {
        if (!outcome.rejected() || !answer.event.equals("jobSucceeded")) {
            return CompletableFuture.completedFuture(outcome);
        }
        LOG.warn("the result of job {} of {} was rejected: {}", entry.payload().get("job"), entry.instance(), outcome.message());
        return engine.event(entry.instance(), "jobFailed", entry.object(),
                Map.of("attempt", answer.payload.get("attempt"), "error", "its result was rejected: " + outcome.message()), null);
    }

    private Answer run(OutboxEntry entry, Cancellation cancellation) {
        // A pool thread may carry an interrupt meant for the job it ran before: it must not fail this one.
        Thread.interrupted();
        Map<String, Object> payload = entry.payload();
        long attempt = payload.get("attempt") instanceof Number n ? n.longValue() : 1;
        String name = String.valueOf(payload.get("job"));
        try {
            Job<?> job = jobs.get(name);
            Object result = run(job, payload.get("parameters") instanceof Map<?, ?> map ? map : Map.of(), cancellation);
            var answer = new LinkedHashMap<String, Object>();
            answer.put("attempt", attempt);
            answer.put("result", summary(result));
            return new Answer("jobSucceeded", answer);
        } catch (Exception | LinkageError e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.info("job {} of {} (attempt {}) failed: {}", name, entry.instance(), attempt, error);
            return new Answer("jobFailed", Map.of("attempt", attempt, "error", error));
        }
    }

    @SuppressWarnings("unchecked")
    private <P> Object run(Job<P> job, Map<?, ?> parameters, CancellationToken cancellation) throws Exception {
        P bound = JobParameters.bind(check.check(job, (Map<String, Object>) parameters), job.parametersType());
        return job.run(new JobContext(kernel.get(), JobContext.Progress.NONE, cancellation), bound);
    }

    private static Object summary(Object result) {
        if (result == null || result instanceof String || result instanceof Number || result instanceof Boolean) {
            return Values.plain(result);
        }
        return Values.plain(JSON.convertValue(result, Object.class));
    }

    @Override
    public void close() {
        running.values().forEach(c -> c.cancelled = true);
        executor.shutdownNow();
    }

    private static final class Cancellation implements CancellationToken {
        final Object attempt;
        volatile boolean cancelled;

        Cancellation(Object attempt) {
            this.attempt = attempt;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }
}
