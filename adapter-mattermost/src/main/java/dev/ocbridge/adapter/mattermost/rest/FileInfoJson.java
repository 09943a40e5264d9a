package dev.ocbridge.adapter.mattermost.rest;

/** Metadata of an uploaded file. */
public record FileInfoJson(String id, String user_id, String post_id, String channel_id, String name,
                           String extension, Long size, String mime_type) {
}
