package dev.ocbridge.adapter.mattermost.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Changes to the emulated server's content and the websocket events each one causes, as the real server sends them. */
final class ServerOperations {
    private final EmulatorState state;
    private final WebSocketHub hub;
    private final List<Consumer<EmulatedPost>> watchers = new CopyOnWriteArrayList<>();

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

    EmulatedPost createPost(String asUser, String channelId, String rootId, String message, List<String> fileIds) {
        EmulatedPost post = stored(state.createPost(asUser, channelId, rootId, message, fileIds));
        announcePosted(post);
        return post;
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
