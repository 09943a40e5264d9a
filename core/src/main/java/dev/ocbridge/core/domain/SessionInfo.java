package dev.ocbridge.core.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * What the agent server says about one session. {@code parentId} is null for a root session; {@code model}
 * and {@code agent}, what its latest prompt used, are null until the server reports them.
 */
public record SessionInfo(
        SessionId id,
        SessionId parentId,
        String title,
        String directory,
        Instant createdAt,
        Instant updatedAt,
        ModelRef model,
        String agent) {

    public SessionInfo {
        Checks.require(id, "session id");
        title = title == null ? "" : title;
        directory = directory == null ? "" : directory;
        Checks.require(createdAt, "createdAt");
        updatedAt = updatedAt == null ? createdAt : updatedAt;
        agent = agent == null || agent.isBlank() ? null : agent;
    }

    public SessionInfo(SessionId id, SessionId parentId, String title, String directory, Instant createdAt,
                       Instant updatedAt) {
        this(id, parentId, title, directory, createdAt, updatedAt, null, null);
    }

    public Optional<ModelRef> currentModel() {
        return Optional.ofNullable(model);
    }

    public Optional<String> currentAgent() {
        return Optional.ofNullable(agent);
    }

    public Optional<SessionId> parent() {
        return Optional.ofNullable(parentId);
    }

    /** Sub-agent sessions have a parent and never get a thread of their own. */
    public boolean isRoot() {
        return parentId == null;
    }

    /** The last path element of the directory: what people call the project. */
    public String projectName() {
        return ServerPaths.lastElement(directory);
    }

    /** The short form people type and read: the last eight characters of the id. */
    public String shortId() {
        return ShortIds.of(id);
    }
}
