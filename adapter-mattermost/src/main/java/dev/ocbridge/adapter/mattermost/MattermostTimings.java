package dev.ocbridge.adapter.mattermost;

import java.time.Duration;

/**
 * Timing of the Mattermost adapter. Reconnects back off from {@code reconnectInitial} doubling up to
 * {@code reconnectMax}, with jitter; a ping goes out every {@code pingInterval} and the connection is
 * given up when nothing answers within {@code pongTimeout}; REST calls are retried from {@code retryInitial}
 * up to {@code retryMax}, at most {@code retryAttempts} times after failures, waiting out rate limits for at
 * most {@code rateLimitPatience}.
 */
public record MattermostTimings(
        Duration connectTimeout,
        Duration readTimeout,
        Duration handshakeTimeout,
        Duration reconnectInitial,
        Duration reconnectMax,
        Duration pingInterval,
        Duration pongTimeout,
        Duration retryInitial,
        Duration retryMax,
        int retryAttempts,
        Duration rateLimitPatience) {

    public static MattermostTimings defaults() {
        return new MattermostTimings(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(15),
                Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(15),
                Duration.ofMillis(250), Duration.ofSeconds(10), 5, Duration.ofMinutes(10));
    }

    public MattermostTimings withReconnect(Duration initial, Duration max) {
        return new MattermostTimings(connectTimeout, readTimeout, handshakeTimeout, initial, max, pingInterval,
                pongTimeout, retryInitial, retryMax, retryAttempts, rateLimitPatience);
    }

    public MattermostTimings withPing(Duration interval, Duration timeout) {
        return new MattermostTimings(connectTimeout, readTimeout, handshakeTimeout, reconnectInitial, reconnectMax,
                interval, timeout, retryInitial, retryMax, retryAttempts, rateLimitPatience);
    }

    public MattermostTimings withRetry(Duration initial, Duration max, int attempts) {
        return new MattermostTimings(connectTimeout, readTimeout, handshakeTimeout, reconnectInitial, reconnectMax,
                pingInterval, pongTimeout, initial, max, attempts, rateLimitPatience);
    }
}
