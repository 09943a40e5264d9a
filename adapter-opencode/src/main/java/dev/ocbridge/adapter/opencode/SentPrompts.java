package dev.ocbridge.adapter.opencode;

import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.MessageRole;
import dev.ocbridge.core.domain.PromptId;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The user message ids the bridge gives its prompts, and which prompts have not started yet.
 *
 * <p>OpenCode 1.x orders a session's messages by id, and its run loop stops once the newest assistant
 * message sorts after the newest user message. A prompt's id is therefore made the way the server makes
 * its own ({@code msg_}, twelve hex digits of the time in milliseconds times 4096 plus a counter, fourteen
 * random characters), as OpenCode's own clients do: prompts sent one after another keep their order however
 * the server stores them. The time is the server's as far as the stream shows it (the creation times of the
 * messages it reports), never behind the newest message id seen: an id behind the server would let the run
 * end without answering the prompt, one ahead would make it answer twice.
 *
 * <p>A run answering a user message answers every user message before it that waited (several prompts sent
 * while the session worked get one answer), so an assistant message reports the start of every waiting
 * prompt up to its parent.
 */
final class SentPrompts {
    private static final String PREFIX = "msg_";
    private static final long ID_SPACE = 1L << 48;
    private static final int RANDOM_LENGTH = 14;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** An older reading of the server's clock may be stale (the clocks drift, or one was set). */
    private static final Duration CLOCK_READING_KEPT = Duration.ofMinutes(10);
    private static final int REMEMBERED_PER_SESSION = 1_000;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<SessionId, LinkedHashMap<String, PromptId>> waiting = new HashMap<>();
    private long newestSeen = -1;
    private long lastIssued = -1;
    private long serverAhead;
    private Instant serverAheadReadAt = Instant.MIN;

    SentPrompts(Clock clock) {
        this.clock = clock;
    }

    /** A new user message id for the prompt, remembered until the prompt starts. */
    synchronized String messageIdFor(SessionId session, PromptId prompt) {
        Instant now = clock.instant();
        long value = Math.floorMod((now.toEpochMilli() + serverAhead(now)) * 0x1000L, ID_SPACE);
        value = Math.max(value, Math.max(newestSeen, lastIssued) + 1);
        lastIssued = value;
        String id = PREFIX + String.format(Locale.ROOT, "%012x", value) + randomSuffix();
        LinkedHashMap<String, PromptId> ofSession = waiting.computeIfAbsent(session, key -> new LinkedHashMap<>());
        ofSession.put(id, prompt);
        if (ofSession.size() > REMEMBERED_PER_SESSION) {
            ofSession.remove(ofSession.keySet().iterator().next());
        }
        return id;
    }

    /** The server refused the prompt: it will never start. */
    synchronized void refused(SessionId session, String messageId) {
        LinkedHashMap<String, PromptId> ofSession = waiting.get(session);
        if (ofSession != null) {
            ofSession.remove(messageId);
        }
    }

    /** What {@code event} says about the bridge's prompts, to be reported after it. */
    synchronized List<SessionEvent> after(SessionEvent event) {
        if (event instanceof SessionEvent.MessageUpdated updated) {
            return messageSeen(updated.message());
        }
        if (event instanceof SessionEvent.SessionIdle idle) {
            // An idle session holds no prompt back: one that never started (an abort) never will.
            waiting.remove(idle.sessionId());
        } else if (event instanceof SessionEvent.SessionDeleted deleted) {
            waiting.remove(deleted.sessionId());
        }
        return List.of();
    }

    private List<SessionEvent> messageSeen(MessageInfo message) {
        readServerClock(message);
        value(message.id().value()).ifPresent(seen -> newestSeen = Math.max(newestSeen, seen));
        LinkedHashMap<String, PromptId> ofSession = waiting.get(message.sessionId());
        if (message.role() != MessageRole.ASSISTANT || message.parentId() == null || ofSession == null) {
            return List.of();
        }
        String answered = message.parentId().value();
        List<SessionEvent> started = new ArrayList<>();
        Iterator<Map.Entry<String, PromptId>> entries = ofSession.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, PromptId> entry = entries.next();
            if (entry.getKey().compareTo(answered) <= 0) {
                started.add(new SessionEvent.PromptStarted(message.sessionId(), entry.getValue()));
                entries.remove();
            }
        }
        return started;
    }

    /**
     * A message is created before it is reported, so its creation time minus now is at most how far the
     * server's clock is ahead: the largest such reading is the closest, while it is recent.
     */
    private void readServerClock(MessageInfo message) {
        if (message.createdAt() == null) {
            return;
        }
        Instant now = clock.instant();
        long reading = message.createdAt().toEpochMilli() - now.toEpochMilli();
        if (reading > serverAhead || serverAheadReadAt.plus(CLOCK_READING_KEPT).isBefore(now)) {
            serverAhead = reading;
            serverAheadReadAt = now;
        }
    }

    private long serverAhead(Instant now) {
        return serverAheadReadAt.plus(CLOCK_READING_KEPT).isBefore(now) ? 0 : serverAhead;
    }

    private static Optional<Long> value(String messageId) {
        if (!messageId.startsWith(PREFIX) || messageId.length() < PREFIX.length() + 12) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(messageId.substring(PREFIX.length(), PREFIX.length() + 12), 16));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String randomSuffix() {
        StringBuilder suffix = new StringBuilder(RANDOM_LENGTH);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            suffix.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return suffix.toString();
    }
}
