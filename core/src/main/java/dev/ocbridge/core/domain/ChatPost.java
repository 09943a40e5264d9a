package dev.ocbridge.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A chat message as stored by the chat server. {@code rootId} is null for a top-level post; {@code origin}
 * says whether a person wrote it, whatever account it appears under.
 */
public record ChatPost(
        PostId id,
        ChannelId channelId,
        PostId rootId,
        UserId authorId,
        PostOrigin origin,
        String message,
        Instant createdAt,
        Instant updatedAt,
        List<FileId> fileIds) {

    public ChatPost {
        Checks.require(id, "post id");
        Checks.require(channelId, "channel id");
        Checks.require(authorId, "author id");
        Checks.require(origin, "origin");
        message = message == null ? "" : message;
        Checks.require(createdAt, "createdAt");
        updatedAt = updatedAt == null ? createdAt : updatedAt;
        fileIds = fileIds == null ? List.of() : List.copyOf(fileIds);
    }

    public Optional<PostId> root() {
        return Optional.ofNullable(rootId);
    }

    public boolean byAPerson() {
        return origin == PostOrigin.PERSON;
    }

    public boolean isReply() {
        return rootId != null;
    }

    /** The thread this post belongs to; a top-level post roots its own thread. */
    public ThreadRef thread() {
        return new ThreadRef(channelId, rootId == null ? id : rootId);
    }
}
