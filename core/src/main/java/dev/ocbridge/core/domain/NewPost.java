package dev.ocbridge.core.domain;

import java.util.List;

/**
 * A post to create; {@code rootId} null posts at the top of the channel. {@code key} names this logical post:
 * creating the same {@code NewPost} again (a retry) reuses it, so the chat server stores the post only once.
 */
public record NewPost(ChannelId channelId, PostId rootId, String message, List<FileId> fileIds, PostKey key) {
    public NewPost {
        Checks.require(channelId, "channel id");
        Checks.require(message, "message");
        Checks.require(key, "post key");
        fileIds = fileIds == null ? List.of() : List.copyOf(fileIds);
    }

    /** A post with a key of its own. */
    public NewPost(ChannelId channelId, PostId rootId, String message, List<FileId> fileIds) {
        this(channelId, rootId, message, fileIds, PostKey.fresh());
    }

    public static NewPost inChannel(ChannelId channel, String message) {
        return new NewPost(channel, null, message, List.of());
    }

    public static NewPost inThread(ThreadRef thread, String message) {
        return new NewPost(thread.channel(), thread.root(), message, List.of());
    }
}
