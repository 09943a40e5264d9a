package dev.ocbridge.core.testing.fuzz;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one decoding on a worker thread and fails the test when it has not finished within a limit: a decoder
 * that loops forever on some input fails the property instead of hanging the build. The limit is meant to be
 * generous (seconds for work of milliseconds), so that a busy machine never trips it; it proves "does not hang",
 * not "is fast". Exceptions and errors of the work are rethrown as they were.
 */
final class TimeLimit implements AutoCloseable {
    /** Long enough for any input these properties make on a loaded two-core machine, many times over. */
    static final Duration GENEROUS = Duration.ofSeconds(10);

    private final Duration limit;
    private ExecutorService worker = newWorker();

    TimeLimit(Duration limit) {
        this.limit = limit;
    }

    <T> T call(Callable<T> work) throws Exception {
        Future<T> result = worker.submit(work);
        try {
            return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            // The stuck thread is abandoned; the next input gets a fresh one.
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError("no result within " + limit.toSeconds() + " s: the input made the decoder hang");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception exception) {
                throw exception;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(work -> {
            Thread thread = new Thread(work, "fuzz-time-limit");
            thread.setDaemon(true);
            return thread;
        });
    }
}
