package dev.ocbridge.adapter.mattermost.rest;

import java.util.List;

/**
 * The body of {@code POST /posts}; {@code root_id} null posts at the top of the channel. The server answers a
 * create whose {@code pending_post_id} it saw within the last 30 seconds with the post it created then.
 */
public record CreatePostJson(String channel_id, String root_id, String message, List<String> file_ids,
                             String pending_post_id) {
}
