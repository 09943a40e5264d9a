package dev.ocbridge.core.testing;

import dev.ocbridge.core.port.out.MetricsPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers what was reported, for tests to read back. */
public final class FakeMetricsPort implements MetricsPort {
    private final List<Duration> routeLatencies = new ArrayList<>();
    private final List<Duration> firstTextLatencies = new ArrayList<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    @Override
    public synchronized void promptForwarded(Duration sinceReceived) {
        routeLatencies.add(sinceReceived);
    }

    @Override
    public void answerCompleted() {
        count("answers completed");
    }

    @Override
    public synchronized void firstTextShown(Duration sinceArrived) {
        firstTextLatencies.add(sinceArrived);
    }

    @Override
    public void postCreated() {
        count("posts created");
    }

    @Override
    public void postEdited() {
        count("posts edited");
    }

    @Override
    public void requestCompleted(Server server, RequestOutcome outcome) {
        count(server + " request " + outcome);
    }

    @Override
    public void streamReconnected(Server server) {
        count(server + " reconnected");
    }

    @Override
    public void eventReceived(Server server, String type) {
        count(server + " event " + type);
    }

    public synchronized List<Duration> routeLatencies() {
        return List.copyOf(routeLatencies);
    }

    public synchronized List<Duration> firstTextLatencies() {
        return List.copyOf(firstTextLatencies);
    }

    public int answersCompleted() {
        return count("answers completed", 0);
    }

    public int postsCreated() {
        return count("posts created", 0);
    }

    public int postsEdited() {
        return count("posts edited", 0);
    }

    public int requests(Server server, RequestOutcome outcome) {
        return count(server + " request " + outcome, 0);
    }

    public int reconnects(Server server) {
        return count(server + " reconnected", 0);
    }

    public int events(Server server, String type) {
        return count(server + " event " + type, 0);
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    private int count(String what, int none) {
        return counts.getOrDefault(what, none);
    }
}
