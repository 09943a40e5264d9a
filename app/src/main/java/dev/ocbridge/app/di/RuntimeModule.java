package dev.ocbridge.app.di;

import dagger.Module;
import dagger.Provides;
import dev.ocbridge.app.runtime.ExecutorSchedulerAdapter;
import dev.ocbridge.core.port.out.SchedulerPort;

import javax.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Time and threads. */
@Module
public final class RuntimeModule {
    /** Sessions stream in parallel; a few more than the sessions people run at once is plenty. */
    private static final int WORKERS = 16;

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
        return Executors.newFixedThreadPool(WORKERS, daemonThreads("bridge-worker"));
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
