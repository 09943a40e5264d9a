package dev.ocbridge.adapter.mattermost.rest;

/** The body of {@code PUT /posts/{post_id}/patch}: only the fields to change. */
public record PatchPostJson(String message) {
}
