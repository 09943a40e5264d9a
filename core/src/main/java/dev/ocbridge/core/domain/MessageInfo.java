package dev.ocbridge.core.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * One message of a session. An assistant message is finished when it has a finish reason or an
 * error; {@code completedAt} is null while it is being written. {@code parentId} is, for an assistant
 * message, the prompt it answers (null when unknown).
 */
public record MessageInfo(
        MessageId id,
        SessionId sessionId,
        MessageRole role,
        String finishReason,
        SessionError error,
        double cost,
        TokenUsage tokens,
        Instant createdAt,
        Instant completedAt,
        MessageId parentId) {

    public MessageInfo {
        Checks.require(id, "message id");
        Checks.require(sessionId, "session id");
        Checks.require(role, "role");
        tokens = tokens == null ? TokenUsage.NONE : tokens;
    }

    public Optional<SessionError> failure() {
        return Optional.ofNullable(error);
    }

    public boolean isFinished() {
        return finishReason != null || error != null;
    }
}
