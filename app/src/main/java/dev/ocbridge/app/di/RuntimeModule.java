package dev.ocbridge.app.di;

import dagger.Module;
import dagger.Provides;
import dev.ocbridge.app.runtime.ExecutorSchedulerAdapter;
import dev.ocbridge.core.port.out.SchedulerPort;

import javax.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Time and threads. */
@Module
public final class RuntimeModule {
    /**
     * Workers block on chat and agent calls (a 429 can hold one for minutes), so the pool grows with the keys
     * that have work rather than staying at a few: one slow session takes one worker (its queue is serial),
     * and only this many stalled at once could delay the rest. Idle workers end after {@link #WORKER_IDLE}.
     */
    static final int MAX_WORKERS = 64;
    private static final Duration WORKER_IDLE = Duration.ofSeconds(30);

    private RuntimeModule() {
    }

    @Provides
    @Singleton
    static Clock clock() {
        return Clock.systemUTC();
    }

    @Provides
    @Singleton
    static ExecutorService workers() {
        // Core size equal to the cap: a ThreadPoolExecutor only adds threads beyond its core once its queue is
        // full, and an unbounded queue is never full; the time-out lets the core shrink again.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_WORKERS, MAX_WORKERS, WORKER_IDLE.toMillis(),
                TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), daemonThreads("bridge-worker"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Provides
    @Singleton
    static ScheduledExecutorService timers() {
        return Executors.newSingleThreadScheduledExecutor(daemonThreads("bridge-timer"));
    }

    @Provides
    @Singleton
    static SchedulerPort scheduler(ScheduledExecutorService timers) {
        return new ExecutorSchedulerAdapter(timers);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
