package dev.ocbridge.app.di;

import dev.ocbridge.core.work.SerialQueues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions whose work blocks on a slow chat or agent server must leave workers for the others. The bounded
 * waits only turn a hang into a failure; they measure nothing.
 */
class RuntimeModuleTest {
    private static final long PATIENCE_SECONDS = 10;
    /** Twice the old fixed pool of 16, which these many stalled sessions used to exhaust. */
    private static final int STALLED_SESSIONS = 32;

    private final ExecutorService workers = RuntimeModule.workers();
    private final SerialQueues queues = new SerialQueues(workers);
    private final CountDownLatch slowServer = new CountDownLatch(1);

    @AfterEach
    void releaseTheStalledSessions() throws InterruptedException {
        slowServer.countDown();
        workers.shutdown();
        assertThat(workers.awaitTermination(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void manySessionsBlockedOnASlowServerDoNotKeepAnotherSessionsTaskFromRunning() throws InterruptedException {
        CountDownLatch stalled = new CountDownLatch(STALLED_SESSIONS);
        for (int session = 0; session < STALLED_SESSIONS; session++) {
            queues.submit("stalled-" + session, () -> {
                stalled.countDown();
                awaitUninterruptibly(slowServer);
            });
        }
        assertThat(stalled.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("every stalled session got a worker").isTrue();

        CountDownLatch ownerDm = new CountDownLatch(1);
        queues.submit("owner-dm", ownerDm::countDown);

        assertThat(ownerDm.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the owner's DM was handled").isTrue();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
