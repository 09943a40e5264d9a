package dev.ocbridge.core.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A point where a fake's call waits, as it would for a slow server, until the test opens it. Waits are
 * bounded so that a broken test fails instead of hanging the build.
 */
public final class Gate {
    private static final long PATIENCE_SECONDS = 10;

    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    /** Called by a fake: says that a call arrived, then waits until the test opens the gate. */
    void pass() {
        arrived.countDown();
        await(opened, "the gate to be opened");
    }

    /** Waits until a call is held at the gate. */
    public void awaitArrival() {
        await(arrived, "a call to arrive at the gate");
    }

    public void open() {
        opened.countDown();
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("waited " + PATIENCE_SECONDS + " s for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }
}
