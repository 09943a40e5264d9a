package dev.ocbridge.app.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a phase of the benchmark to finish, polling, and says how far it got: every few seconds while it
 * waits, and in the failure when the deadline passes or something it depends on broke.
 */
final class Waiting {
    private static final long POLL_MILLIS = 250;
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private Waiting() {
    }

    /**
     * @param progress what has been reached so far, e.g. "137 of 200 answers complete"
     * @param broken   a reason to stop waiting at once (a process died), if any
     */
    static void until(String what, Duration timeout, BooleanSupplier done, Supplier<String> progress,
                      Supplier<Optional<String>> broken) {
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_EVERY_NANOS;
        while (!done.getAsBoolean()) {
            Optional<String> reason = broken.get();
            if (reason.isPresent()) {
                throw new AssertionError("Stopped waiting for " + what + ": " + reason.get() + "; " + progress.get());
            }
            long now = System.nanoTime();
            if (now - start > timeout.toNanos()) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what + "; "
                        + progress.get());
            }
            if (now > nextProgress) {
                System.out.printf("[bench] waiting for %s: %s%n", what, progress.get());
                nextProgress = now + PROGRESS_EVERY_NANOS;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
