package dev.ocbridge.adapter.mattermost.rest;

/** A Mattermost user, as {@code GET /users/{user_id}} returns it (the fields the bridge reads). */
public record UserJson(String id, String username, Boolean is_bot, Long delete_at) {
}
