package dev.ocbridge.core.work;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Runs tasks with the same key one after another, in submission order, and tasks with different keys
 * in parallel. Adapter threads submit and return at once; the work runs on the executor.
 */
public final class SerialQueues {
    private static final System.Logger LOG = System.getLogger(SerialQueues.class.getName());

    private final Executor executor;
    private final Map<Object, Deque<Runnable>> queues = new HashMap<>();

    public SerialQueues(Executor executor) {
        this.executor = executor;
    }

    public void submit(Object key, Runnable task) {
        boolean startDraining;
        synchronized (queues) {
            Deque<Runnable> queue = queues.get(key);
            startDraining = queue == null;
            if (startDraining) {
                queue = new ArrayDeque<>();
                queues.put(key, queue);
            }
            queue.addLast(task);
        }
        if (startDraining) {
            executor.execute(() -> drain(key));
        }
    }

    private void drain(Object key) {
        Runnable next;
        while ((next = nextTask(key)) != null) {
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                // An Error too: ending the drain here would leave the key queued with nobody draining it, so
                // every later task of that key (the owner's DM, say) would wait forever.
                LOG.log(System.Logger.Level.ERROR, "Task for " + key + " failed; continuing with the next", e);
            }
        }
    }

    private Runnable nextTask(Object key) {
        synchronized (queues) {
            Deque<Runnable> queue = queues.get(key);
            Runnable next = queue.pollFirst();
            if (next == null) {
                queues.remove(key);
            }
            return next;
        }
    }
}
