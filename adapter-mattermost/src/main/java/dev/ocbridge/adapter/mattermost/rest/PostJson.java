package dev.ocbridge.adapter.mattermost.rest;

import java.util.List;

/** A Mattermost post; times are epoch milliseconds, {@code root_id} is "" for a top-level post. */
public record PostJson(
        String id,
        Long create_at,
        Long update_at,
        Long edit_at,
        Long delete_at,
        String user_id,
        String channel_id,
        String root_id,
        String message,
        String type,
        List<String> file_ids) {
}
