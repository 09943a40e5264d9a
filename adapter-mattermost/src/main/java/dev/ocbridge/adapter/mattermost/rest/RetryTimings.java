package dev.ocbridge.adapter.mattermost.rest;

import dev.ocbridge.core.domain.Backoff;

import java.time.Duration;

/**
 * How REST calls are retried: backoff doubling from {@code initialBackoff} up to {@code maxBackoff}, at most
 * {@code attempts} tries after failures, and waiting out rate limits for at most {@code rateLimitPatience}.
 */
public record RetryTimings(Duration initialBackoff, Duration maxBackoff, int attempts, Duration rateLimitPatience) {

    public RetryTimings {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0
                || attempts < 1 || rateLimitPatience.isNegative()) {
            throw new IllegalArgumentException("invalid retry timings");
        }
    }

    public static RetryTimings defaults() {
        return new RetryTimings(Duration.ofMillis(250), Duration.ofSeconds(10), 5, Duration.ofMinutes(10));
    }

    /** Waits between tries after I/O failures and server errors, none left after the last attempt. */
    Backoff afterFailures() {
        return new Backoff(initialBackoff, maxBackoff, attempts - 1);
    }

    /** The least wait after each 429, whatever its headers say; bounded by {@link #rateLimitPatience} instead. */
    Backoff afterRateLimits() {
        return new Backoff(initialBackoff, maxBackoff, Integer.MAX_VALUE);
    }
}
