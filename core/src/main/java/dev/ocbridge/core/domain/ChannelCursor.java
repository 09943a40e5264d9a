package dev.ocbridge.core.domain;

import java.time.Instant;

/** The newest post the bridge has handled in a channel: where catch-up after an outage starts. */
public record ChannelCursor(PostId lastPostId, Instant lastPostAt) {
    public ChannelCursor {
        Checks.require(lastPostId, "post id");
        Checks.require(lastPostAt, "post time");
    }
}
