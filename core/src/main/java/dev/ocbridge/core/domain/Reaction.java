package dev.ocbridge.core.domain;

import java.time.Instant;

/**
 * An emoji reaction by a user on a post. {@code createdAt} is the chat server's time of it, {@link Instant#EPOCH}
 * when the server did not say.
 */
public record Reaction(PostId postId, UserId userId, String emojiName, ChannelId channelId, Instant createdAt) {
    public Reaction {
        Checks.require(postId, "post id");
        Checks.require(userId, "user id");
        Checks.requireText(emojiName, "emoji name");
        createdAt = createdAt == null ? Instant.EPOCH : createdAt;
    }
}
