package dev.ocbridge.core.domain;

import java.util.List;

/** A post to create; {@code rootId} null posts at the top of the channel. */
public record NewPost(ChannelId channelId, PostId rootId, String message, List<FileId> fileIds) {
    public NewPost {
        Checks.require(channelId, "channel id");
        Checks.require(message, "message");
        fileIds = fileIds == null ? List.of() : List.copyOf(fileIds);
    }

    public static NewPost inChannel(ChannelId channel, String message) {
        return new NewPost(channel, null, message, List.of());
    }

    public static NewPost inThread(ThreadRef thread, String message) {
        return new NewPost(thread.channel(), thread.root(), message, List.of());
    }
}
