package dev.ocbridge.core.domain;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Waits between attempts that double from {@code first} up to {@code longest}, for at most {@code maxRetries}. */
public record Backoff(Duration first, Duration longest, int maxRetries) {

    /** Long enough to ride out a chat server restart; after that the log says what was given up. */
    public static final Backoff CHAT_OUTAGE = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 8);

    public Backoff {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || maxRetries < 0) {
            throw new IllegalArgumentException("invalid backoff " + first + " .. " + longest + " x" + maxRetries);
        }
    }

    /** The wait after the {@code failures}-th failure in a row, or empty when no attempt is left. */
    public Optional<Duration> delayAfter(int failures) {
        if (failures > maxRetries) {
            return Optional.empty();
        }
        Duration delay = first;
        for (int i = 1; i < failures && delay.compareTo(longest) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return Optional.of(delay.compareTo(longest) > 0 ? longest : delay);
    }

    /**
     * Like {@link #delayAfter}, but a random point between half and all of that wait, so that many clients that
     * failed together (reconnecting after a server restart) do not all come back at the same moment.
     */
    public Optional<Duration> jitteredDelayAfter(int failures, RandomGenerator random) {
        return delayAfter(failures).map(delay -> {
            long half = Math.max(delay.toMillis() / 2, 1);
            return Duration.ofMillis(half + random.nextLong(half + 1));
        });
    }
}
