package dev.ocbridge.core.domain;

import java.time.Duration;
import java.util.Optional;

/** Waits between attempts that double from {@code first} up to {@code longest}, for at most {@code maxRetries}. */
public record Backoff(Duration first, Duration longest, int maxRetries) {

    /**
     * For what people would miss if it were given up (people's posts, answers, request posts, a session's thread): tried again
     * every 30 s at the most for as long as the chat server is away.
     */
    public static final Backoff UNTIL_CHAT_IS_BACK = untilItWorks(Duration.ofSeconds(1), Duration.ofSeconds(30));

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

    /** Attempts that go on until one works: what the bridge cannot do without is waited for, never given up. */
    public static Backoff untilItWorks(Duration first, Duration longest) {
        return new Backoff(first, longest, Integer.MAX_VALUE);
    }

    /**
     * {@link #delayAfter} spread over its upper half by {@code random} (from 0 to 1), so that clients that failed
     * together do not all try again at the same moment.
     */
    public Optional<Duration> spreadDelayAfter(int failures, double random) {
        if (random < 0 || random > 1) {
            throw new IllegalArgumentException("random must be within 0 .. 1, got " + random);
        }
        return delayAfter(failures).map(delay -> {
            long ceiling = delay.toMillis();
            long half = ceiling / 2;
            return Duration.ofMillis(half + Math.round(random * (ceiling - half)));
        });
    }
}
