package dev.ocbridge.core.testing;

import dev.ocbridge.core.port.out.SchedulerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scheduler driven by a {@link MutableClock}: tasks run when the test advances time past them. */
public final class ManualScheduler implements SchedulerPort {
    private final MutableClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    public ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable runnable) {
        Task task = new Task(clock.instant().plus(delay), sequence++, runnable);
        tasks.add(task);
        return () -> {
            synchronized (ManualScheduler.this) {
                tasks.remove(task);
            }
        };
    }

    /**
     * Moves time forward, running every task that falls due, in time order. Time a task itself lets pass (the clock
     * moved while it ran) is not taken back.
     */
    public void advance(Duration duration) {
        Instant target = clock.instant().plus(duration);
        Task next;
        while ((next = nextDueBy(target)) != null) {
            if (next.dueAt.isAfter(clock.instant())) {
                clock.set(next.dueAt);
            }
            next.runnable.run();
        }
        if (clock.instant().isBefore(target)) {
            clock.set(target);
        }
    }

    /** Runs the tasks that are due now without moving time. */
    public void runDueTasks() {
        advance(Duration.ZERO);
    }

    public synchronized int pendingTasks() {
        return tasks.size();
    }

    private synchronized Task nextDueBy(Instant target) {
        Task next = tasks.stream()
                .filter(task -> !task.dueAt.isAfter(target))
                .min(Comparator.comparing((Task task) -> task.dueAt).thenComparingLong(task -> task.sequence))
                .orElse(null);
        if (next != null) {
            tasks.remove(next);
        }
        return next;
    }

    private record Task(Instant dueAt, long sequence, Runnable runnable) {
    }
}
