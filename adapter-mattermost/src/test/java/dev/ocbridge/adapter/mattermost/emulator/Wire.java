package dev.ocbridge.adapter.mattermost.emulator;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of Mattermost's API v4, written independently of the adapter's wire records. */
final class Wire {
    private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class).serializeNulls();

    private Wire() {
    }

    static String json(Object value) {
        return ANY.toJson(value);
    }

    static Object parse(String json) {
        try {
            return ANY.fromJson(json);
        } catch (IOException | RuntimeException e) {
            throw new ApiError(400, "api.context.invalid_body_param.app_error", "Invalid or missing body in request body.");
        }
    }

    static Map<String, Object> parseObject(String json) {
        Object value = parse(json);
        if (!(value instanceof Map<?, ?> map)) {
            throw new ApiError(400, "api.context.invalid_body_param.app_error", "Invalid or missing body in request body.");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    static List<String> parseStringArray(String json, String name) {
        Object value = parse(json);
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw ApiError.invalidBodyParam(name);
        }
        List<String> strings = new ArrayList<>();
        list.forEach(item -> strings.add((String) item));
        return strings;
    }

    static Map<String, Object> error(ApiError error, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", error.id());
        body.put("message", error.getMessage());
        body.put("detailed_error", "");
        body.put("request_id", requestId);
        body.put("status_code", error.status());
        return body;
    }

    static Map<String, Object> user(EmulatedUser user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", user.id());
        body.put("create_at", 1_700_000_000_000L);
        body.put("update_at", 1_700_000_000_000L);
        body.put("delete_at", 0L);
        body.put("username", user.username());
        body.put("auth_data", "");
        body.put("auth_service", "");
        body.put("email", user.username() + "@example.com");
        body.put("nickname", "");
        body.put("first_name", "");
        body.put("last_name", "");
        body.put("position", "");
        body.put("roles", user.bot() ? "system_user system_post_all"
                : user.systemAdmin() ? "system_admin system_user" : "system_user");
        body.put("locale", "en");
        body.put("timezone", Map.of("automaticTimezone", "", "manualTimezone", "", "useAutomaticTimezone", "true"));
        if (user.bot()) {
            body.put("is_bot", true);
            body.put("bot_description", "");
        }
        body.put("disable_welcome_email", false);
        return body;
    }

    static Map<String, Object> channel(EmulatedChannel channel, long lastPostAt, long messageCount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", channel.id());
        body.put("create_at", channel.createAt());
        body.put("update_at", channel.updateAt());
        body.put("delete_at", 0L);
        body.put("team_id", "");
        body.put("type", channel.type());
        body.put("display_name", channel.displayName());
        body.put("name", channel.name());
        body.put("header", channel.header());
        body.put("purpose", "");
        body.put("last_post_at", lastPostAt);
        body.put("total_msg_count", messageCount);
        body.put("extra_update_at", 0L);
        body.put("creator_id", "");
        body.put("scheme_id", null);
        body.put("props", null);
        body.put("group_constrained", null);
        body.put("shared", null);
        body.put("total_msg_count_root", messageCount);
        body.put("policy_id", null);
        body.put("last_root_post_at", lastPostAt);
        return body;
    }

    static Map<String, Object> post(EmulatedPost post, int replyCount, long lastReplyAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", post.id());
        body.put("create_at", post.createAt());
        body.put("update_at", post.updateAt());
        body.put("edit_at", post.editAt());
        body.put("delete_at", post.deleteAt());
        body.put("is_pinned", false);
        body.put("user_id", post.userId());
        body.put("channel_id", post.channelId());
        body.put("root_id", post.rootId());
        body.put("original_id", "");
        body.put("message", post.message());
        body.put("type", post.type());
        body.put("props", post.props());
        body.put("hashtags", "");
        if (!post.fileIds().isEmpty()) {
            body.put("file_ids", post.fileIds());
        }
        body.put("pending_post_id", "");
        body.put("reply_count", (long) replyCount);
        body.put("last_reply_at", lastReplyAt);
        body.put("participants", null);
        body.put("metadata", Map.of());
        return body;
    }

    /** A post list: {@code order} newest first, as the real server sends it. */
    static Map<String, Object> postList(List<Map<String, Object>> oldestFirst) {
        Map<String, Object> byId = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>();
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            Map<String, Object> post = oldestFirst.get(i);
            order.add(post.get("id"));
            byId.put((String) post.get("id"), post);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("order", order);
        body.put("posts", byId);
        body.put("next_post_id", "");
        body.put("prev_post_id", "");
        body.put("has_next", false);
        return body;
    }

    static Map<String, Object> reaction(EmulatedReaction reaction) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", reaction.userId());
        body.put("post_id", reaction.postId());
        body.put("emoji_name", reaction.emojiName());
        body.put("create_at", reaction.createAt());
        body.put("update_at", reaction.createAt());
        body.put("delete_at", 0L);
        body.put("remote_id", "");
        body.put("channel_id", reaction.channelId());
        return body;
    }

    static Map<String, Object> fileInfo(EmulatedFile file) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", file.id());
        body.put("user_id", file.userId());
        body.put("post_id", file.postId());
        body.put("channel_id", file.channelId());
        body.put("create_at", file.createAt());
        body.put("update_at", file.createAt());
        body.put("delete_at", 0L);
        body.put("name", file.name());
        body.put("extension", file.extension());
        body.put("size", file.size());
        body.put("mime_type", file.mimeType());
        body.put("width", 0L);
        body.put("height", 0L);
        body.put("has_preview_image", false);
        body.put("mini_preview", null);
        body.put("remote_id", "");
        body.put("archived", false);
        return body;
    }

    static Map<String, Object> status(String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        return body;
    }
}
