package dev.ocbridge.adapter.mattermost.rest;

import java.util.List;

/** The body of {@code POST /posts}; {@code root_id} null posts at the top of the channel. */
public record CreatePostJson(String channel_id, String root_id, String message, List<String> file_ids) {
}
