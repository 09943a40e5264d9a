package dev.ocbridge.app.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of measured durations and their percentiles by the nearest-rank method: p95 is the smallest value that at
 * least 95 % of the values do not exceed (so with 50 values, p99 is the largest).
 */
record Latencies(List<Duration> values) {

    Latencies {
        values = values.stream().sorted().toList();
    }

    static Latencies ofNanos(List<Long> nanos) {
        List<Duration> durations = new ArrayList<>();
        nanos.forEach(value -> durations.add(Duration.ofNanos(value)));
        return new Latencies(durations);
    }

    int count() {
        return values.size();
    }

    Duration percentile(double percent) {
        if (values.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(percent / 100 * values.size());
        return values.get(Math.max(rank, 1) - 1);
    }

    Duration max() {
        return values.isEmpty() ? Duration.ZERO : values.get(values.size() - 1);
    }
}
