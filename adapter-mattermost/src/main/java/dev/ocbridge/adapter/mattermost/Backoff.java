package dev.ocbridge.adapter.mattermost;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Capped exponential backoff with jitter: the n-th delay is between half and all of min(max, initial * 2^n). */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    Duration delay(int failures) {
        long capped = Math.min(max.toMillis(), initial.toMillis() << Math.min(failures, 30));
        long half = Math.max(capped / 2, 1);
        return Duration.ofMillis(half + random.nextLong(half + 1));
    }
}
