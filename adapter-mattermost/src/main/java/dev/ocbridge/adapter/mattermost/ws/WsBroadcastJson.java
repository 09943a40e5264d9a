package dev.ocbridge.adapter.mattermost.ws;

/** Who an event was sent to. */
public record WsBroadcastJson(String channel_id, String user_id, String team_id) {
}
