package dev.ocbridge.app.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something the bridge does asynchronously, polling, with a generous deadline. */
final class Eventually {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 100;

    private Eventually() {
    }

    static <T> T await(String what, Supplier<Optional<T>> probe) {
        return await(what, DEFAULT_TIMEOUT, probe);
    }

    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + "s waiting for " + what);
            }
            pause(POLL_MILLIS);
        }
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        await(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Gives the bridge time to do something it must not do, for tests that prove an absence. */
    static void quietPeriod(Duration duration) {
        pause(duration.toMillis());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
