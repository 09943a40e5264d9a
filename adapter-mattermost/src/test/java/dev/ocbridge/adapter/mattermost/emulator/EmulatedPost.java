package dev.ocbridge.adapter.mattermost.emulator;

import java.util.List;
import java.util.Map;

/**
 * A post as the emulated server stores it; times are epoch milliseconds, {@code rootId} "" for a root post,
 * {@code type} "" for what a person wrote and e.g. {@code system_header_change} for what the server wrote itself.
 */
public record EmulatedPost(
        String id,
        String channelId,
        String rootId,
        String userId,
        String message,
        String type,
        Map<String, Object> props,
        long createAt,
        long updateAt,
        long editAt,
        long deleteAt,
        List<String> fileIds) {

    public EmulatedPost {
        props = Map.copyOf(props);
        fileIds = List.copyOf(fileIds);
    }

    public boolean systemMessage() {
        return type.startsWith("system_");
    }

    public boolean deleted() {
        return deleteAt != 0;
    }

    EmulatedPost edited(String newMessage, long at) {
        return new EmulatedPost(id, channelId, rootId, userId, newMessage, type, props, createAt, at, at, deleteAt,
                fileIds);
    }

    EmulatedPost deletedAt(long at) {
        return new EmulatedPost(id, channelId, rootId, userId, message, type, props, createAt, at, editAt, at,
                fileIds);
    }
}
