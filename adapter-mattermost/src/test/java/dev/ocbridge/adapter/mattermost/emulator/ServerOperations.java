package dev.ocbridge.adapter.mattermost.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Changes to the emulated server's content and the websocket events each one causes, as the real server sends them. */
final class ServerOperations {
    /** Props an incoming webhook's caller may not set: the server sets them itself. */
    private static final List<String> WEBHOOK_RESERVED_PROPS = List.of("from_webhook", "override_username",
            "override_icon_url", "webhook_display_name");
    /** The name the real server shows for a webhook's post when overriding is on and none was given. */
    private static final String DEFAULT_WEBHOOK_USERNAME = "webhook";

    private final EmulatorState state;
    private final WebSocketHub hub;
    private final List<Consumer<EmulatedPost>> watchers = new CopyOnWriteArrayList<>();
    private volatile boolean usernameOverride;

    ServerOperations(EmulatorState state, WebSocketHub hub) {
        this.state = state;
        this.hub = hub;
    }

    void watch(Consumer<EmulatedPost> watcher) {
        watchers.add(watcher);
    }

    private EmulatedPost stored(EmulatedPost post) {
        watchers.forEach(watcher -> watcher.accept(post));
        return post;
    }

    EmulatedPost createPost(String asUser, String channelId, String rootId, String message, List<String> fileIds,
                            Map<String, Object> props) {
        EmulatedPost post = stored(state.createPost(asUser, channelId, rootId, message, fileIds, props));
        announcePosted(post);
        return post;
    }

    /**
     * {@code POST /posts} as the real server's {@code CreatePost} does it: a {@code pending_post_id} seen within
     * the last 30 seconds answers the post it created, announced only once; otherwise a new post.
     */
    EmulatedPost createPost(String asUser, String channelId, String rootId, String message, List<String> fileIds,
                            Map<String, Object> props, String pendingPostId) {
        synchronized (state) {
            Optional<EmulatedPost> seen = state.createdWith(pendingPostId);
            if (seen.isPresent()) {
                return seen.get();
            }
            EmulatedPost post = createPost(asUser, channelId, rootId, message, fileIds, props);
            state.rememberPendingPost(pendingPostId, post.id());
            return post;
        }
    }

    /** The server setting "Enable integrations to override usernames" (off by default, as on the real server). */
    void usernameOverride(boolean enabled) {
        usernameOverride = enabled;
    }

    /**
     * What the real server's {@code POST /hooks/{id}} does with a request: a post by the hook's creator, in the
     * hook's channel or in the creator's DM with {@code @username}, marked {@code from_webhook} and shown under the
     * requested name when overriding is on; never a reply.
     */
    EmulatedPost webhookPost(String hookId, Map<String, Object> request) {
        EmulatedWebhook hook = state.webhook(hookId);
        Object text = request.get("text");
        if (!(text instanceof String message) || message.isEmpty()) {
            throw new ApiError(400, "web.incoming_webhook.text.app_error", "No text specified.");
        }
        String channelId = hook.channelId();
        Object channel = request.get("channel");
        if (channel instanceof String name && !name.isEmpty()) {
            channelId = name.startsWith("@")
                    ? state.directChannel(hook.creatorId(), state.userByUsername(name.substring(1)).id()).id()
                    : state.channelByName(name.startsWith("#") ? name.substring(1) : name).id();
        }
        Map<String, Object> props = new LinkedHashMap<>();
        if (request.get("props") instanceof Map<?, ?> given) {
            given.forEach((key, value) -> props.put(String.valueOf(key), value));
        }
        props.keySet().removeAll(WEBHOOK_RESERVED_PROPS);
        props.put("webhook_display_name", hook.displayName());
        props.put("from_webhook", "true");
        if (usernameOverride) {
            Object username = request.get("username");
            props.put("override_username", username instanceof String name && !name.isEmpty()
                    ? name : DEFAULT_WEBHOOK_USERNAME);
        }
        return createPost(hook.creatorId(), channelId, "", message, List.of(), props);
    }

    /**
     * Sets a channel's header as the real server's {@code PUT /channels/{id}/patch} does: {@code channel_updated}
     * to the members, then the {@code system_header_change} post, announced like any other post.
     */
    Optional<EmulatedPost> changeHeader(String asUser, String channelId, String header) {
        Optional<EmulatedPost> systemPost = state.changeHeader(asUser, channelId, header).map(this::stored);
        if (systemPost.isPresent()) {
            EmulatedChannel channel = state.channel(channelId);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("channel", Wire.json(channelJson(channel)));
            hub.toChannelMembers(channel, "channel_updated", data);
            announcePosted(systemPost.get());
        }
        return systemPost;
    }

    private void announcePosted(EmulatedPost post) {
        String asUser = post.userId();
        EmulatedChannel channel = state.channel(post.channelId());
        EmulatedUser sender = state.user(asUser);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channel_display_name", displayName(channel, asUser));
        data.put("channel_name", channel.name());
        data.put("channel_type", channel.type());
        if ("D".equals(channel.type())) {
            List<String> others = channel.memberIds().stream().filter(id -> !id.equals(asUser)).toList();
            data.put("mentions", Wire.json(others));
        }
        data.put("post", Wire.json(postJson(post)));
        data.put("sender_name", "@" + sender.username());
        data.put("set_online", true);
        data.put("team_id", "");
        hub.toChannelMembers(channel, "posted", data);
    }

    EmulatedPost editPost(String asUser, String postId, String message) {
        EmulatedPost post = stored(state.editPost(asUser, postId, message));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("post", Wire.json(postJson(post)));
        hub.toChannelMembers(state.channel(post.channelId()), "post_edited", data);
        return post;
    }

    EmulatedPost deletePost(String asUser, String postId) {
        EmulatedPost post = stored(state.deletePost(asUser, postId));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("delete_by", asUser);
        data.put("post", Wire.json(postJson(post)));
        hub.toChannelMembers(state.channel(post.channelId()), "post_deleted", data);
        return post;
    }

    EmulatedReaction addReaction(String asUser, String postId, String emojiName) {
        EmulatedReaction reaction = state.addReaction(asUser, postId, emojiName);
        hub.toChannelMembers(state.channel(reaction.channelId()), "reaction_added", reactionData(reaction));
        return reaction;
    }

    Optional<EmulatedReaction> removeReaction(String asUser, String userId, String postId, String emojiName) {
        Optional<EmulatedReaction> removed = state.removeReaction(asUser, userId, postId, emojiName);
        removed.ifPresent(reaction -> hub.toChannelMembers(state.channel(reaction.channelId()), "reaction_removed",
                reactionData(reaction)));
        return removed;
    }

    Map<String, Object> postJson(EmulatedPost post) {
        String threadRoot = post.rootId().isEmpty() ? post.id() : post.rootId();
        List<EmulatedPost> replies = state.replies(threadRoot);
        long lastReplyAt = replies.isEmpty() ? 0 : replies.get(replies.size() - 1).createAt();
        return Wire.post(post, replies.size(), lastReplyAt);
    }

    Map<String, Object> channelJson(EmulatedChannel channel) {
        List<EmulatedPost> posts = state.channelPosts(channel.id()).stream().filter(p -> !p.deleted()).toList();
        long lastPostAt = posts.isEmpty() ? channel.createAt() : posts.get(posts.size() - 1).createAt();
        return Wire.channel(channel, lastPostAt, posts.size());
    }

    private String displayName(EmulatedChannel channel, String asUser) {
        if (!"D".equals(channel.type())) {
            return channel.displayName();
        }
        return channel.memberIds().stream().filter(id -> !id.equals(asUser)).findFirst()
                .map(id -> "@" + state.user(id).username()).orElse("@" + state.user(asUser).username());
    }

    private static Map<String, Object> reactionData(EmulatedReaction reaction) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reaction", Wire.json(Wire.reaction(reaction)));
        return data;
    }
}
