package dev.ocbridge.core.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * One message of a session. An assistant message is finished when it has a finish reason or an
 * error; {@code completedAt} is null while it is being written. {@code parentId} is, for an assistant
 * message, the prompt it answers (null when unknown); {@code model} is the model that wrote an assistant
 * message, when the server says.
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
        MessageId parentId,
        ModelRef model) {

    public MessageInfo {
        Checks.require(id, "message id");
        Checks.require(sessionId, "session id");
        Checks.require(role, "role");
        tokens = tokens == null ? TokenUsage.NONE : tokens;
    }

    /** A message whose prompt and model are not known. */
    public MessageInfo(MessageId id, SessionId sessionId, MessageRole role, String finishReason, SessionError error,
                       double cost, TokenUsage tokens, Instant createdAt, Instant completedAt) {
        this(id, sessionId, role, finishReason, error, cost, tokens, createdAt, completedAt, null, null);
    }

    public Optional<SessionError> failure() {
        return Optional.ofNullable(error);
    }

    public Optional<ModelRef> writtenBy() {
        return Optional.ofNullable(model);
    }

    public boolean isFinished() {
        return finishReason != null || error != null;
    }

    /** The same message ended by {@code failure}, as when the server lost its run. */
    public MessageInfo failedWith(SessionError failure) {
        return new MessageInfo(id, sessionId, role, null, failure, cost, tokens, createdAt, completedAt, parentId, model);
    }
}
