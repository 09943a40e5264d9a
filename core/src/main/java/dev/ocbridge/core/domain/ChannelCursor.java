package dev.ocbridge.core.domain;

import java.time.Instant;
import java.util.Map;

/**
 * Where catch-up of a channel resumes after an outage or a restart: the newest post the bridge handled such that it
 * handled every older one too, and {@code handledAfter}, the newer posts it handled already (other threads were
 * faster), with their creation times, which catch-up must not hand on again. A cursor {@link #startingAt} a time
 * has no post: the channel's posts from that time on are all still to be handled.
 */
public record ChannelCursor(PostId lastPostId, Instant lastPostAt, Map<PostId, Instant> handledAfter) {
    public ChannelCursor {
        Checks.require(lastPostAt, "post time");
        handledAfter = handledAfter == null ? Map.of() : Map.copyOf(handledAfter);
    }

    public ChannelCursor(PostId lastPostId, Instant lastPostAt) {
        this(Checks.require(lastPostId, "post id"), lastPostAt, Map.of());
    }

    /** Catch-up hands on every post created at or after {@code time}; none of them is handled yet. */
    public static ChannelCursor startingAt(Instant time) {
        return new ChannelCursor(null, time, Map.of());
    }
}
