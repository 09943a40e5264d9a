package dev.ocbridge.adapter.mattermost.emulator;

/** An emoji reaction stored by the emulated server. */
public record EmulatedReaction(String userId, String postId, String channelId, String emojiName, long createAt) {
}
