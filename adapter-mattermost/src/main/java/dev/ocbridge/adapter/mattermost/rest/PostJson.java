package dev.ocbridge.adapter.mattermost.rest;

import java.util.List;
import java.util.Map;

/**
 * A Mattermost post; times are epoch milliseconds, {@code root_id} is "" for a top-level post. {@code props}
 * carries, among much else, the marks the server puts on what programs post ({@code from_webhook},
 * {@code from_bot}, ...).
 */
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
        Map<String, Object> props,
        List<String> file_ids) {
}
