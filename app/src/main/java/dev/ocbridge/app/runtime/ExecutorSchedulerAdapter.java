package dev.ocbridge.app.runtime;

import dev.ocbridge.core.port.out.SchedulerPort;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The real {@link SchedulerPort}: a scheduled executor. */
public final class ExecutorSchedulerAdapter implements SchedulerPort {
    private final ScheduledExecutorService executor;

    public ExecutorSchedulerAdapter(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }
}
