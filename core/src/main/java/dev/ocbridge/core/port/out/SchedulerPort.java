package dev.ocbridge.core.port.out;

import java.time.Duration;

/** Runs work later, so that timing is driven by a fake clock in tests instead of sleeps. */
public interface SchedulerPort {

    /** Runs {@code task} once after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may still be cancelled. */
    interface Cancellable {
        void cancel();
    }
}
