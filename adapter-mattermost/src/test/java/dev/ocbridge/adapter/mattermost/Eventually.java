package dev.ocbridge.adapter.mattermost;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls for something asynchronous, with a generous deadline instead of fixed sleeps. */
final class Eventually {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    private Eventually() {
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
