package dev.ocbridge.core.domain;

/** An emoji reaction by a user on a post. */
public record Reaction(PostId postId, UserId userId, String emojiName, ChannelId channelId) {
    public Reaction {
        Checks.require(postId, "post id");
        Checks.require(userId, "user id");
        Checks.requireText(emojiName, "emoji name");
    }
}
