package dev.ocbridge.adapter.mattermost.rest;

/** A reaction, as {@code POST /reactions} takes it and the websocket reports it. */
public record ReactionJson(String user_id, String post_id, String emoji_name, String channel_id, Long create_at) {
}
