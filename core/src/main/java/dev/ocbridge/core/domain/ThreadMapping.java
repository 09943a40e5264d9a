package dev.ocbridge.core.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The durable link between an agent session and its chat thread. {@code createdAt} is when the session
 * started, which for a session adopted later is before its thread was opened.
 */
public record ThreadMapping(
        SessionId sessionId,
        ThreadRef thread,
        String shortId,
        UserId userId,
        String projectName,
        String directory,
        String sessionTitle,
        MappingStatus status,
        Instant createdAt,
        Instant lastActivityAt,
        Instant endedAt) {

    public ThreadMapping {
        Checks.require(sessionId, "session id");
        Checks.require(thread, "thread");
        shortId = shortId == null || shortId.isBlank() ? ShortIds.of(sessionId) : shortId;
        Checks.require(userId, "user id");
        projectName = projectName == null ? "" : projectName;
        directory = directory == null ? "" : directory;
        sessionTitle = sessionTitle == null ? "" : sessionTitle;
        Checks.require(status, "status");
        Checks.require(createdAt, "createdAt");
        lastActivityAt = lastActivityAt == null ? createdAt : lastActivityAt;
    }

    /** The thread opened {@code now}; times derived from the start (e.g. how long it ran) use the session's. */
    public static ThreadMapping start(SessionInfo session, ThreadRef thread, UserId user, Instant now) {
        return new ThreadMapping(session.id(), thread, session.shortId(), user, session.projectName(),
                session.directory(), session.title(), MappingStatus.ACTIVE, session.createdAt(), now, null);
    }

    public boolean isActive() {
        return status == MappingStatus.ACTIVE;
    }

    public Optional<Instant> ended() {
        return Optional.ofNullable(endedAt);
    }

    public ThreadMapping touchedAt(Instant when) {
        return new ThreadMapping(sessionId, thread, shortId, userId, projectName, directory, sessionTitle,
                status, createdAt, when, endedAt);
    }

    public ThreadMapping titled(String title) {
        return new ThreadMapping(sessionId, thread, shortId, userId, projectName, directory, title,
                status, createdAt, lastActivityAt, endedAt);
    }

    public ThreadMapping endedAt(Instant when) {
        return new ThreadMapping(sessionId, thread, shortId, userId, projectName, directory, sessionTitle,
                MappingStatus.ENDED, createdAt, when, when);
    }
}
