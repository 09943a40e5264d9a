package dev.ocbridge.adapter.mattermost.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the emulated server stores, with the validation rules of the real server that the bridge depends on.
 * Every method is atomic; times are epoch milliseconds from a clock that never repeats a value.
 */
final class EmulatorState {
    static final int MAX_POST_RUNES = 16_383;
    static final int MAX_HEADER_RUNES = 1024;

    private final Ids ids = new Ids();
    private final Map<String, EmulatedUser> users = new LinkedHashMap<>();
    private final Map<String, String> userIdByToken = new LinkedHashMap<>();
    private final Map<String, EmulatedChannel> channels = new LinkedHashMap<>();
    private final Map<String, EmulatedPost> posts = new LinkedHashMap<>();
    /** Post ids per channel and reply ids per thread root, oldest first: reading one thread scans no other post. */
    private final Map<String, List<String>> postIdsByChannel = new HashMap<>();
    private final Map<String, List<String>> replyIdsByRoot = new HashMap<>();
    private final List<EmulatedReaction> reactions = new ArrayList<>();
    private final Map<String, EmulatedFile> files = new LinkedHashMap<>();
    private final Map<String, EmulatedWebhook> webhooks = new LinkedHashMap<>();
    /**
     * The real server's {@code seenPendingPostIdsCache}: for {@link #PENDING_POST_ID_TTL_NANOS} after a post was
     * created with a {@code pending_post_id}, a create with the same one answers that post instead of a new one.
     */
    private final Map<String, SeenPendingPost> seenPendingPosts = new LinkedHashMap<>();
    private long lastMillis;

    /** {@code PendingPostIDsCacheTTL} of the real server's {@code app/post.go}. */
    static final long PENDING_POST_ID_TTL_NANOS = 30_000_000_000L;

    private record SeenPendingPost(String postId, long seenAtNanos) {
    }

    synchronized String newId() {
        return ids.next();
    }

    synchronized long now() {
        lastMillis = Math.max(System.currentTimeMillis(), lastMillis + 1);
        return lastMillis;
    }

    synchronized EmulatedUser addUser(String username, boolean bot) {
        return addUser(username, bot, false);
    }

    synchronized EmulatedUser addUser(String username, boolean bot, boolean systemAdmin) {
        if (users.values().stream().anyMatch(u -> u.username().equals(username))) {
            throw new IllegalArgumentException("username taken: " + username);
        }
        EmulatedUser user = new EmulatedUser(ids.next(), username, ids.next(), bot, systemAdmin);
        users.put(user.id(), user);
        userIdByToken.put(user.token(), user.id());
        return user;
    }

    synchronized void revokeTokens(String userId) {
        userIdByToken.values().removeIf(userId::equals);
    }

    synchronized Optional<EmulatedUser> userByToken(String token) {
        return Optional.ofNullable(userIdByToken.get(token)).map(users::get);
    }

    synchronized EmulatedUser user(String id) {
        requireId(id, "user_id");
        EmulatedUser user = users.get(id);
        if (user == null) {
            throw ApiError.notFound("app.user.missing_account.const", "Unable to find the user.");
        }
        return user;
    }

    synchronized EmulatedUser userByUsername(String username) {
        return users.values().stream().filter(u -> u.username().equals(username)).findFirst()
                .orElseThrow(() -> ApiError.notFound("app.user.get_by_username.app_error",
                        "Unable to find an existing account matching your username for this team. "
                                + "This team may require an invite from the team owner to join."));
    }

    synchronized List<EmulatedUser> usersByIds(List<String> userIds) {
        List<EmulatedUser> found = new ArrayList<>();
        for (String id : userIds) {
            EmulatedUser user = users.get(id);
            if (user != null) {
                found.add(user);
            }
        }
        return found;
    }

    /** The direct channel of two users, created on first use; its name is the two ids sorted, joined by "__". */
    synchronized EmulatedChannel directChannel(String userA, String userB) {
        user(userA);
        user(userB);
        Set<String> pair = new TreeSet<>(List.of(userA, userB));
        String name = String.join("__", pair.size() == 1 ? List.of(userA, userA) : new ArrayList<>(pair));
        return channels.values().stream().filter(c -> c.name().equals(name)).findFirst().orElseGet(() -> {
            long at = now();
            EmulatedChannel channel = new EmulatedChannel(ids.next(), "D", name, "", "", at, at, new ArrayList<>(pair));
            channels.put(channel.id(), channel);
            return channel;
        });
    }

    synchronized EmulatedChannel addChannel(String type, String name, List<String> members) {
        long at = now();
        EmulatedChannel channel = new EmulatedChannel(ids.next(), type, name, name, "", at, at, members);
        channels.put(channel.id(), channel);
        return channel;
    }

    synchronized EmulatedChannel channel(String id) {
        requireId(id, "channel_id");
        EmulatedChannel channel = channels.get(id);
        if (channel == null) {
            throw ApiError.notFound("app.channel.get.existing.app_error", "Unable to find the existing channel.");
        }
        return channel;
    }

    /** The channel, if the id names one. */
    synchronized Optional<EmulatedChannel> findChannel(String id) {
        return Optional.ofNullable(channels.get(id));
    }

    synchronized List<EmulatedChannel> channelsOf(String userId) {
        return channels.values().stream().filter(channel -> channel.memberIds().contains(userId)).toList();
    }

    /** Members may use a channel, and system admins any channel (the real server grants them every permission). */
    synchronized EmulatedChannel readableChannel(String id, String asUser) {
        EmulatedChannel channel = channel(id);
        if (!channel.memberIds().contains(asUser) && !user(asUser).systemAdmin()) {
            throw ApiError.forbidden();
        }
        return channel;
    }

    /**
     * A post as {@code POST /posts} makes it: the caller's own {@code props} are kept but for the two the real
     * server strips ({@code add_channel_member}, {@code force_notification}), and a bot account's post gets
     * {@code from_bot}.
     */
    /** The post an earlier create with {@code pendingPostId} made, if the server still remembers it. */
    synchronized Optional<EmulatedPost> createdWith(String pendingPostId) {
        long now = System.nanoTime();
        seenPendingPosts.values().removeIf(seen -> now - seen.seenAtNanos() > PENDING_POST_ID_TTL_NANOS);
        if (pendingPostId == null || pendingPostId.isEmpty() || !seenPendingPosts.containsKey(pendingPostId)) {
            return Optional.empty();
        }
        EmulatedPost post = posts.get(seenPendingPosts.get(pendingPostId).postId());
        if (post == null || post.deleted()) {
            throw new ApiError(500, "api.post.deduplicate_create_post.failed_to_get",
                    "Failed to fetch the post created earlier with this pending post id.");
        }
        return Optional.of(post);
    }

    synchronized void rememberPendingPost(String pendingPostId, String postId) {
        if (pendingPostId != null && !pendingPostId.isEmpty()) {
            seenPendingPosts.put(pendingPostId, new SeenPendingPost(postId, System.nanoTime()));
        }
    }

    synchronized EmulatedPost createPost(String asUser, String channelId, String rootId, String message,
                                         List<String> fileIds, Map<String, Object> props) {
        if (channelId == null || channelId.isEmpty()) {
            throw ApiError.invalidBodyParam("channel_id");
        }
        readableChannel(channelId, asUser);
        String root = rootId == null ? "" : rootId;
        if (!root.isEmpty()) {
            EmulatedPost rootPost = posts.get(root);
            if (!Ids.valid(root) || rootPost == null || rootPost.deleted() || !rootPost.rootId().isEmpty()) {
                throw new ApiError(400, "api.post.create_post.root_id.app_error", "Invalid RootId parameter.");
            }
            if (!rootPost.channelId().equals(channelId)) {
                throw new ApiError(400, "api.post.create_post.channel_root_id.app_error",
                        "Invalid ChannelId for RootId parameter.");
            }
        }
        String text = message == null ? "" : message;
        requireLength(text);
        List<String> attached = fileIds == null ? List.of() : List.copyOf(fileIds);
        for (String fileId : attached) {
            EmulatedFile file = files.get(fileId);
            if (file == null || !file.userId().equals(asUser) || !file.postId().isEmpty()
                    || !file.channelId().equals(channelId)) {
                throw new ApiError(400, "api.post.create_post.file_ids.app_error", "Invalid FileIds parameter.");
            }
        }
        if (text.isEmpty() && attached.isEmpty()) {
            throw new ApiError(400, "api.context.invalid_param.app_error", "Invalid or missing message in request body.");
        }
        Map<String, Object> stored = new LinkedHashMap<>(props == null ? Map.of() : props);
        stored.keySet().removeAll(List.of("add_channel_member", "force_notification"));
        stored.values().removeIf(Objects::isNull);
        if (user(asUser).bot()) {
            stored.put("from_bot", "true");
        }
        long at = now();
        EmulatedPost post = new EmulatedPost(ids.next(), channelId, root, asUser, text, "", stored, at, at, 0, 0,
                attached);
        addPost(post);
        for (String fileId : attached) {
            files.put(fileId, files.get(fileId).attachedTo(post.id()));
        }
        return post;
    }

    /**
     * Sets the channel's header as a member, and writes the system post the real server writes for it
     * ({@code system_header_change}, by the member, with the old and new header in its props); empty if the header
     * is unchanged, as no post is written then.
     */
    synchronized Optional<EmulatedPost> changeHeader(String asUser, String channelId, String header) {
        EmulatedChannel channel = readableChannel(channelId, asUser);
        String old = channel.header();
        if (header == null || header.equals(old)) {
            return Optional.empty();
        }
        if (header.codePointCount(0, header.length()) > MAX_HEADER_RUNES) {
            throw new ApiError(400, "model.channel.is_valid.header.app_error", "Invalid header.");
        }
        channels.put(channelId, channel.withHeader(header, now()));
        String username = user(asUser).username();
        String message;
        if (old.isEmpty()) {
            message = username + " updated the channel header to: " + header;
        } else if (header.isEmpty()) {
            message = username + " removed the channel header (was: " + old + ")";
        } else {
            message = username + " updated the channel header from: " + old + " to: " + header;
        }
        long at = now();
        EmulatedPost post = new EmulatedPost(ids.next(), channelId, "", asUser, message, "system_header_change",
                Map.of("username", username, "old_header", old, "new_header", header), at, at, 0, 0, List.of());
        addPost(post);
        return Optional.of(post);
    }

    synchronized EmulatedWebhook addWebhook(String creatorId, String channelId, String displayName) {
        readableChannel(channelId, creatorId);
        EmulatedWebhook hook = new EmulatedWebhook(ids.next(), channelId, creatorId, displayName);
        webhooks.put(hook.id(), hook);
        return hook;
    }

    synchronized EmulatedWebhook webhook(String id) {
        EmulatedWebhook hook = webhooks.get(id);
        if (hook == null) {
            throw new ApiError(400, "web.incoming_webhook.invalid.app_error", "Invalid webhook.");
        }
        return hook;
    }

    synchronized EmulatedChannel channelByName(String name) {
        return channels.values().stream().filter(channel -> channel.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiError.notFound("web.incoming_webhook.channel.app_error",
                        "Couldn't find the channel."));
    }

    synchronized EmulatedPost editPost(String asUser, String postId, String message) {
        EmulatedPost post = livePost(postId);
        readableChannel(post.channelId(), asUser);
        if (!post.userId().equals(asUser)) {
            throw ApiError.forbidden();
        }
        if (post.systemMessage()) {
            throw new ApiError(400, "api.post.update_post.system_message.app_error", "Unable to update system message.");
        }
        String text = message == null ? post.message() : message;
        requireLength(text);
        EmulatedPost edited = post.edited(text, now());
        posts.put(postId, edited);
        return edited;
    }

    synchronized EmulatedPost deletePost(String asUser, String postId) {
        EmulatedPost post = livePost(postId);
        readableChannel(post.channelId(), asUser);
        if (!post.userId().equals(asUser)) {
            throw ApiError.forbidden();
        }
        EmulatedPost deleted = post.deletedAt(now());
        posts.put(postId, deleted);
        return deleted;
    }

    synchronized EmulatedPost readablePost(String postId, String asUser) {
        EmulatedPost post = livePost(postId);
        readableChannel(post.channelId(), asUser);
        return post;
    }

    synchronized Optional<EmulatedPost> anyPost(String postId) {
        return Optional.ofNullable(posts.get(postId));
    }

    /** The root and its replies, oldest first. */
    synchronized List<EmulatedPost> thread(String rootId) {
        EmulatedPost root = livePost(rootId);
        String threadRoot = root.rootId().isEmpty() ? root.id() : root.rootId();
        List<EmulatedPost> thread = new ArrayList<>();
        if (!posts.get(threadRoot).deleted()) {
            thread.add(posts.get(threadRoot));
        }
        thread.addAll(replies(threadRoot));
        return thread;
    }

    /** The live replies to a root post, oldest first. */
    synchronized List<EmulatedPost> replies(String rootId) {
        return replyIdsByRoot.getOrDefault(rootId, List.of()).stream().map(posts::get).filter(p -> !p.deleted())
                .toList();
    }

    /** Every post of a channel, deleted ones included, oldest first. */
    synchronized List<EmulatedPost> channelPosts(String channelId) {
        return postIdsByChannel.getOrDefault(channelId, List.of()).stream().map(posts::get).toList();
    }

    /** Posts are added in the order of their creation times: {@link #now()} never repeats or goes back. */
    private void addPost(EmulatedPost post) {
        posts.put(post.id(), post);
        postIdsByChannel.computeIfAbsent(post.channelId(), channel -> new ArrayList<>()).add(post.id());
        if (!post.rootId().isEmpty()) {
            replyIdsByRoot.computeIfAbsent(post.rootId(), root -> new ArrayList<>()).add(post.id());
        }
    }

    synchronized EmulatedReaction addReaction(String asUser, String postId, String emojiName) {
        EmulatedPost post = readablePost(postId, asUser);
        if (emojiName == null || !emojiName.matches("[a-zA-Z0-9_+-]{1,64}")) {
            throw ApiError.invalidBodyParam("emoji_name");
        }
        Optional<EmulatedReaction> existing = reactions.stream()
                .filter(r -> r.userId().equals(asUser) && r.postId().equals(postId) && r.emojiName().equals(emojiName))
                .findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        EmulatedReaction reaction = new EmulatedReaction(asUser, postId, post.channelId(), emojiName, now());
        reactions.add(reaction);
        return reaction;
    }

    synchronized Optional<EmulatedReaction> removeReaction(String asUser, String userId, String postId,
                                                           String emojiName) {
        if (!asUser.equals(userId)) {
            throw ApiError.forbidden();
        }
        readablePost(postId, asUser);
        Optional<EmulatedReaction> existing = reactions.stream()
                .filter(r -> r.userId().equals(userId) && r.postId().equals(postId) && r.emojiName().equals(emojiName))
                .findFirst();
        existing.ifPresent(reactions::remove);
        return existing;
    }

    synchronized List<EmulatedReaction> reactions(String postId) {
        return reactions.stream().filter(r -> r.postId().equals(postId)).toList();
    }

    synchronized EmulatedFile addFile(String asUser, String channelId, String name, String mimeType, byte[] content) {
        readableChannel(channelId, asUser);
        EmulatedFile file = new EmulatedFile(ids.next(), asUser, channelId, "", name, mimeType, now(), content);
        files.put(file.id(), file);
        return file;
    }

    synchronized Optional<EmulatedFile> anyFile(String fileId) {
        return Optional.ofNullable(files.get(fileId));
    }

    synchronized EmulatedFile readableFile(String fileId, String asUser) {
        requireId(fileId, "file_id");
        EmulatedFile file = files.get(fileId);
        if (file == null) {
            throw ApiError.notFound("app.file_info.get.app_error", "Unable to get the file info.");
        }
        if (!file.userId().equals(asUser)) {
            readableChannel(file.channelId(), asUser);
        }
        return file;
    }

    private EmulatedPost livePost(String postId) {
        requireId(postId, "post_id");
        EmulatedPost post = posts.get(postId);
        if (post == null || post.deleted()) {
            throw ApiError.notFound("app.post.get.app_error", "Unable to get the post.");
        }
        return post;
    }

    private static void requireId(String id, String name) {
        if (!Ids.valid(id)) {
            throw ApiError.invalidUrlParam(name);
        }
    }

    private static void requireLength(String message) {
        int runes = message.codePointCount(0, message.length());
        if (runes > MAX_POST_RUNES) {
            throw new ApiError(400, "model.post.is_valid.message_length.app_error",
                    "Message length is " + runes + " characters, which exceeds the maximum allowed length of "
                            + MAX_POST_RUNES + " characters.");
        }
    }
}
