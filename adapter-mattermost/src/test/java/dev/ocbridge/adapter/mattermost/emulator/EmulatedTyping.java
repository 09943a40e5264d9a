package dev.ocbridge.adapter.mattermost.emulator;

/** A {@code user_typing} action the emulated server accepted: who typed, in which channel, in which thread. */
public record EmulatedTyping(String userId, String channelId, String parentId) {
}
