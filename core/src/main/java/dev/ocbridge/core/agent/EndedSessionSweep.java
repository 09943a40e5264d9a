package dev.ocbridge.core.agent;

import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.port.out.SchedulerPort;
import dev.ocbridge.core.threads.ThreadManager;
import dev.ocbridge.core.work.SerialQueues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Forgets what the bridge keeps in memory for a session once its thread has been ended for {@code grace}, so
 * memory follows the sessions in use rather than every session ever seen. A thread ends in several ways (the
 * session deleted, vanished from the server, found gone at a reconcile); sweeping the ended mappings catches
 * them all. The grace lets the session's last queued work finish with its state; the forgetting runs on the
 * session's queue, behind that work.
 */
final class EndedSessionSweep {
    private final ThreadManager threads;
    private final SchedulerPort scheduler;
    private final SerialQueues queues;
    private final Clock clock;
    private final Duration grace;
    private final Consumer<SessionId> forget;
    private final AtomicBoolean started = new AtomicBoolean();
    /** Sessions ended before this were forgotten by an earlier sweep; only the first sweep looks at all. */
    private Instant sweptUpTo = Instant.MIN;

    EndedSessionSweep(ThreadManager threads, SchedulerPort scheduler, SerialQueues queues, Clock clock,
                      Duration grace, Consumer<SessionId> forget) {
        this.threads = threads;
        this.scheduler = scheduler;
        this.queues = queues;
        this.clock = clock;
        this.grace = grace;
        this.forget = forget;
    }

    /** Sweeps every {@code grace} from now on; later calls change nothing. */
    void start() {
        if (started.compareAndSet(false, true)) {
            scheduleNext();
        }
    }

    private void scheduleNext() {
        scheduler.schedule(grace, () -> queues.submit(EndedSessionSweep.class, this::sweep));
    }

    /** On its own queue, so sweeps never overlap and {@link #sweptUpTo} needs no lock. */
    private void sweep() {
        try {
            Instant cutoff = clock.instant().minus(grace);
            threads.endedBetween(sweptUpTo, cutoff)
                    .forEach(session -> queues.submit(session, () -> forget.accept(session)));
            sweptUpTo = cutoff;
        } finally {
            scheduleNext();
        }
    }
}
