package dev.ocbridge.adapter.opencode;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter: the n-th delay is a random point in the upper half of
 * {@code min(initial * 2^n, max)}, so reconnecting clients spread out. Reset after a success.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private int failures;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), Math::random);
    }

    /** The delay before the next attempt, counting one more failure. */
    public synchronized Duration nextDelay() {
        long cap = initial.toMillis() << Math.min(failures, 20);
        long ceiling = Math.min(cap, max.toMillis());
        failures++;
        long half = ceiling / 2;
        return Duration.ofMillis(half + Math.round(random.getAsDouble() * (ceiling - half)));
    }

    public synchronized void reset() {
        failures = 0;
    }

    public synchronized int failures() {
        return failures;
    }
}
