package io.tilework.engine;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * How often a failed task is tried again and how long to wait between tries: the first retry
 * waits {@code backoff}, each next one {@code multiplier} times longer. Only failures that
 * {@code retryable} accepts are retried (not, say, a corrupt input file).
 */
public record RetryPolicy(int maxAttempts, Duration backoff, double multiplier, Predicate<Throwable> retryable) {

    /** One attempt: failures are final. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1, failure -> false);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative: " + backoff);
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
        }
    }

    /** Up to {@code maxAttempts} tries of any failure, with exponential backoff doubling each time. */
    public static RetryPolicy attempts(int maxAttempts, Duration backoff) {
        return new RetryPolicy(maxAttempts, backoff, 2, failure -> true);
    }

    /** The same policy, retrying only failures {@code test} accepts. */
    public RetryPolicy onlyIf(Predicate<Throwable> test) {
        return new RetryPolicy(maxAttempts, backoff, multiplier, test);
    }

    /** Whether attempt {@code attempt} (1-based), which failed with {@code failure}, gets another. */
    public boolean shouldRetry(int attempt, Throwable failure) {
        return attempt < maxAttempts && retryable.test(failure);
    }

    /** The wait before attempt {@code nextAttempt} (2 for the first retry). */
    public Duration delayBefore(int nextAttempt) {
        return Duration.ofNanos((long) (backoff.toNanos() * Math.pow(multiplier, nextAttempt - 2)));
    }
}
