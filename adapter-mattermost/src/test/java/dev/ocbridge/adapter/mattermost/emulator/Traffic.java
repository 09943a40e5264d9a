package dev.ocbridge.adapter.mattermost.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The requests the emulated server has received per endpoint, and the endpoints whose requests it holds for now. */
final class Traffic {
    /** A held request is answered after this at the latest, so that a test that forgets to release cannot hang. */
    private static final long LONGEST_HOLD_SECONDS = 60;

    private final long origin = System.nanoTime();
    private final Map<String, List<Duration>> arrivals = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

    void arrived(String endpoint) {
        arrivals.computeIfAbsent(endpoint, k -> new CopyOnWriteArrayList<>())
                .add(Duration.ofNanos(System.nanoTime() - origin));
    }

    int count(String endpoint) {
        return times(endpoint).size();
    }

    /** Requests so far per endpoint. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        arrivals.forEach((endpoint, times) -> counts.put(endpoint, times.size()));
        return counts;
    }

    /** When each request arrived, on a monotonic clock started with the emulator. */
    List<Duration> times(String endpoint) {
        return List.copyOf(arrivals.getOrDefault(endpoint, List.of()));
    }

    void hold(String endpoint) {
        holds.putIfAbsent(endpoint, new CountDownLatch(1));
    }

    void releaseAll() {
        holds.values().forEach(CountDownLatch::countDown);
        holds.clear();
    }

    /** Blocks the request (its connection's server thread) while its endpoint is held. */
    void awaitRelease(String endpoint) {
        CountDownLatch hold = holds.get(endpoint);
        if (hold == null) {
            return;
        }
        try {
            hold.await(LONGEST_HOLD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
