package dev.ocbridge.app.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Samples a process's thread count four times a second and keeps the largest, for the peak during a phase. */
final class ResourceSampler implements AutoCloseable {
    private final ProcessStats process;
    private final AtomicInteger peakThreads = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-sampler");
        thread.setDaemon(true);
        return thread;
    });

    ResourceSampler(ProcessStats process) {
        this.process = process;
        timer.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        peakThreads.accumulateAndGet(process.threads(), Math::max);
    }

    int peakThreads() {
        sample();
        return peakThreads.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
