package dev.ocbridge.adapter.mattermost.rest;

import java.time.Duration;

/**
 * How REST calls are retried: backoff doubling from {@code initialBackoff} up to {@code maxBackoff}, at most
 * {@code attempts} tries after failures, and waiting out rate limits for at most {@code rateLimitPatience}.
 */
public record RetryTimings(Duration initialBackoff, Duration maxBackoff, int attempts, Duration rateLimitPatience) {

    public RetryTimings {
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || attempts < 1
                || rateLimitPatience.isNegative()) {
            throw new IllegalArgumentException("invalid retry timings");
        }
    }

    public static RetryTimings defaults() {
        return new RetryTimings(Duration.ofMillis(250), Duration.ofSeconds(10), 5, Duration.ofMinutes(10));
    }

    Duration backoff(int failures) {
        long millis = initialBackoff.toMillis() << Math.min(failures, 20);
        return Duration.ofMillis(Math.min(Math.max(millis, 1), maxBackoff.toMillis()));
    }
}
