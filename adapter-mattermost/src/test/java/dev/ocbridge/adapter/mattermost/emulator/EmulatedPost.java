package dev.ocbridge.adapter.mattermost.emulator;

import java.util.List;

/** A post as the emulated server stores it; times are epoch milliseconds, {@code rootId} "" for a root post. */
public record EmulatedPost(
        String id,
        String channelId,
        String rootId,
        String userId,
        String message,
        long createAt,
        long updateAt,
        long editAt,
        long deleteAt,
        List<String> fileIds) {

    public EmulatedPost {
        fileIds = List.copyOf(fileIds);
    }

    public boolean deleted() {
        return deleteAt != 0;
    }

    EmulatedPost edited(String newMessage, long at) {
        return new EmulatedPost(id, channelId, rootId, userId, newMessage, createAt, at, at, deleteAt, fileIds);
    }

    EmulatedPost deletedAt(long at) {
        return new EmulatedPost(id, channelId, rootId, userId, message, createAt, at, editAt, at, fileIds);
    }
}
