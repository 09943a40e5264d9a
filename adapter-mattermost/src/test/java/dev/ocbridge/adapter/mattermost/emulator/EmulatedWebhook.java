package dev.ocbridge.adapter.mattermost.emulator;

/**
 * An incoming webhook of the emulated server: whoever knows its id posts through it, in the name of the user
 * who created it, into its channel (or, with {@code "channel":"@username"}, into the creator's DM with that user).
 */
public record EmulatedWebhook(String id, String channelId, String creatorId, String displayName) {
}
