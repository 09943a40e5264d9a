package dev.ocbridge.app.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * How the load benchmark runs, from {@code -Dbench.*} system properties (Maven passes its own {@code -D}
 * properties on to the test JVM). Every setting has a default; docs/benchmark.md lists them.
 *
 * @param sessions         sessions prompted at once, through the bridge and then straight to OpenCode
 * @param warmUpSessions   sessions prompted through the bridge before the measured round, not measured
 * @param chunks           text chunks in every streamed answer
 * @param chunkDelay       pause of the fake LLM between two chunks
 * @param timeout          longest wait for one phase (all threads opened, all answers complete, ...)
 * @param profile          whether to record the bridge (and the benchmark's own JVM) with Java Flight Recorder
 *                         during the measured round
 * @param bridgeJvmOptions options for the bridge's JVM, given to it as {@code JAVA_TOOL_OPTIONS}; empty for none
 * @param outputDirectory  where the report and recordings are written
 */
record BenchSettings(int sessions, int warmUpSessions, int chunks, Duration chunkDelay, Duration timeout,
                     boolean profile, String bridgeJvmOptions, Path outputDirectory) {

    BenchSettings {
        if (sessions < 1) {
            throw new IllegalArgumentException("bench.sessions must be at least 1, not " + sessions);
        }
        if (warmUpSessions < 0) {
            throw new IllegalArgumentException("bench.warmup must not be negative, not " + warmUpSessions);
        }
        if (chunks < 2) {
            throw new IllegalArgumentException("bench.chunks must be at least 2 (the answer streams), not " + chunks);
        }
        if (chunkDelay.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("bench.chunkDelayMs and bench.timeoutSeconds must be positive");
        }
    }

    static BenchSettings from(Properties properties) {
        return new BenchSettings(
                integer(properties, "bench.sessions", 200),
                integer(properties, "bench.warmup", 10),
                integer(properties, "bench.chunks", 12),
                Duration.ofMillis(integer(properties, "bench.chunkDelayMs", 100)),
                Duration.ofSeconds(integer(properties, "bench.timeoutSeconds", 600)),
                Boolean.parseBoolean(properties.getProperty("bench.profile", "false")),
                properties.getProperty("bench.jvmOptions", "").trim(),
                Path.of(properties.getProperty("bench.output", "target/bench")));
    }

    private static int integer(Properties properties, String name, int fallback) {
        String value = properties.getProperty(name, "").trim();
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", e);
        }
    }
}
