package dev.ocbridge.adapter.opencode.testing;

import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.port.in.SessionEventHandler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Keeps every session event, and waits (polling, with a deadline) for the ones a test expects. */
public final class RecordingSessionEventHandler implements SessionEventHandler {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private final List<SessionEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onSessionEvent(SessionEvent event) {
        events.add(event);
    }

    public List<SessionEvent> events() {
        return List.copyOf(events);
    }

    public <T extends SessionEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Events of one session, of one type. */
    public <T extends SessionEvent.OfSession> List<T> events(Class<T> type, SessionId session) {
        return events(type).stream().filter(event -> event.sessionId().equals(session)).toList();
    }

    /** The streamed text of a session: its deltas of that kind, concatenated in arrival order. */
    public String streamedText(SessionId session, TextKind kind) {
        return events(SessionEvent.TextDelta.class, session).stream()
                .filter(delta -> delta.kind() == kind)
                .map(SessionEvent.TextDelta::delta)
                .collect(Collectors.joining());
    }

    /** Waits for the first event of the type that matches, and returns it. */
    public <T extends SessionEvent> T await(Class<T> type, Predicate<? super T> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (SessionEvent event : events) {
                if (type.isInstance(event) && matching.test(type.cast(event))) {
                    return type.cast(event);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + type.getSimpleName() + " matching within " + timeout
                        + "; got " + events.size() + " events: " + summary());
            }
            pause();
        }
    }

    public <T extends SessionEvent> T await(Class<T> type, Predicate<? super T> matching) {
        return await(type, matching, DEFAULT_WAIT);
    }

    /** Waits for an event of the type about the session. */
    public <T extends SessionEvent.OfSession> T await(Class<T> type, SessionId session) {
        return await(type, event -> event.sessionId().equals(session), DEFAULT_WAIT);
    }

    /** Waits until the count of matching events reaches {@code count}. */
    public void awaitCount(Predicate<SessionEvent> matching, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (events.stream().filter(matching).count() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("fewer than " + count + " matching events within " + timeout + ": " + summary());
            }
            pause();
        }
    }

    public void clear() {
        events.clear();
    }

    /** Event type names, for failure messages. */
    public String summary() {
        return events.stream().map(event -> event.getClass().getSimpleName()).collect(Collectors.joining(", "));
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for events", e);
        }
    }
}
