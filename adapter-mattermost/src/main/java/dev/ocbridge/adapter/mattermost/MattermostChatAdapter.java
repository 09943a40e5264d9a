package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.adapter.mattermost.rest.ChannelJson;
import dev.ocbridge.adapter.mattermost.rest.CreatePostJson;
import dev.ocbridge.adapter.mattermost.rest.FileInfoJson;
import dev.ocbridge.adapter.mattermost.rest.FileUploadJson;
import dev.ocbridge.adapter.mattermost.rest.MattermostApi;
import dev.ocbridge.adapter.mattermost.rest.PatchPostJson;
import dev.ocbridge.adapter.mattermost.rest.PostJson;
import dev.ocbridge.adapter.mattermost.rest.PostListJson;
import dev.ocbridge.adapter.mattermost.rest.ReactionJson;
import dev.ocbridge.adapter.mattermost.rest.RestCaller;
import dev.ocbridge.adapter.mattermost.rest.Retry;
import dev.ocbridge.adapter.mattermost.rest.UserJson;
import dev.ocbridge.adapter.mattermost.rest.WireMapping;
import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatChannel;
import dev.ocbridge.core.domain.ChatFile;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.DownloadedFile;
import dev.ocbridge.core.domain.FileId;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.Reaction;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.RejectedRequestException;
import dev.ocbridge.core.error.UnavailableException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MetricsPort;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import retrofit2.Response;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ChatPort} over Mattermost's REST API v4. */
public final class MattermostChatAdapter implements ChatPort {
    private static final System.Logger LOG = System.getLogger(MattermostChatAdapter.class.getName());
    /** Mattermost's limit, counted in Unicode code points ("runes"). */
    public static final int MAX_POST_LENGTH = 16_383;
    /** The real server answers at most this many posts to a {@code since} query. */
    private static final int SINCE_LIMIT = 1000;

    private final MattermostApi api;
    private final RestCaller rest;
    private final URI siteUrl;
    private final MetricsPort metrics;
    private final UserCache users;
    private final EditCoalescer edits = new EditCoalescer();
    private final Map<PostId, String> unsentEdits = new ConcurrentHashMap<>();
    private volatile ChatUser me;
    private volatile MattermostEventsAdapter liveEvents;

    MattermostChatAdapter(MattermostApi api, RestCaller rest, URI siteUrl, MetricsPort metrics, UserCache users) {
        this.api = api;
        this.rest = rest;
        this.siteUrl = siteUrl;
        this.metrics = metrics;
        this.users = users;
    }

    @Override
    public int maxPostLength() {
        return MAX_POST_LENGTH;
    }

    @Override
    public ChatUser me() {
        ChatUser known = me;
        return known == null ? verifyAccount() : known;
    }

    /** Asks the server who the token belongs to, without the cache: fails with UnauthorizedException on a bad token. */
    ChatUser verifyAccount() {
        ChatUser account = WireMapping.user(rest.body("get the bot's own account", Retry.IDEMPOTENT, api.getMe()));
        me = account;
        return account;
    }

    /** {@inheritDoc} Kept for a minute ({@link UserCache}): the author of every post is looked up. */
    @Override
    public ChatUser user(UserId id) {
        return users.get(id, known -> WireMapping.user(rest.body("get user " + known, Retry.IDEMPOTENT,
                api.getUser(known.value()))));
    }

    @Override
    public Optional<ChatUser> userByUsername(String username) {
        String name = username.startsWith("@") ? username.substring(1) : username;
        if (name.isBlank() || name.contains("/")) {
            return Optional.empty();
        }
        try {
            UserJson user = rest.body("get user @" + name, Retry.IDEMPOTENT, api.getUserByUsername(name));
            return Optional.of(WireMapping.user(user));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public ChannelId directChannelWith(UserId user) {
        List<String> pair = List.of(me().id().value(), user.value());
        ChannelId channel = new ChannelId(rest.body("open the direct channel with " + user, Retry.IDEMPOTENT,
                api.createDirectChannel(pair)).id());
        return channel;
    }

    @Override
    public List<ChannelId> botDirectChannels() {
        List<ChannelJson> channels = rest.body("list the bot's channels", Retry.IDEMPOTENT,
                api.getChannelsForUser(me().id().value()));
        return channels == null ? List.of() : channels.stream()
                .map(WireMapping::channel)
                .filter(channel -> channel.kind() == ChannelKind.DIRECT)
                .map(ChatChannel::id)
                .toList();
    }

    @Override
    public Optional<ChannelCursor> newestPost(ChannelId channel) {
        PostListJson page = rest.body("read the newest post of channel " + channel, Retry.IDEMPOTENT,
                api.getPostsForChannel(channel.value(), 0, 1));
        return WireMapping.newestPost(page);
    }

    @Override
    public ChatChannel channel(ChannelId id) {
        return WireMapping.channel(rest.body("get channel " + id, Retry.IDEMPOTENT, api.getChannel(id.value())));
    }

    @Override
    public ChatPost createPost(NewPost post) {
        requireLength(post.message());
        CreatePostJson body = new CreatePostJson(post.channelId().value(),
                post.rootId() == null ? null : post.rootId().value(), post.message(),
                post.fileIds().isEmpty() ? null : post.fileIds().stream().map(FileId::value).toList(),
                post.key().value());
        // The key makes a create idempotent: one whose answer was lost is asked again and returns the stored post.
        ChatPost created = WireMapping.post(rest.body("create a post in channel " + post.channelId(),
                Retry.IDEMPOTENT, api.createPost(body)));
        metrics.postCreated();
        return created;
    }

    /**
     * {@inheritDoc} When the server cannot be reached, the text is also kept and sent again after the next
     * reconnect ({@link #resendUnsentEdits()}), unless a newer edit gets through first: the final text of a
     * streamed answer is not lost to an outage.
     */
    @Override
    public ChatPost editPost(PostId id, String message) {
        requireLength(message);
        return edits.edit(id, message, text -> sendEdit(id, text));
    }

    private ChatPost sendEdit(PostId id, String text) {
        try {
            ChatPost stored = WireMapping.post(rest.body("edit post " + id, Retry.IDEMPOTENT,
                    api.patchPost(id.value(), new PatchPostJson(text))));
            metrics.postEdited();
            unsentEdits.remove(id);
            return stored;
        } catch (UnavailableException e) {
            unsentEdits.put(id, text);
            throw e;
        }
    }

    /** Callers editing the post right now, the one whose text is being sent included. */
    int editsInProgress(PostId id) {
        return edits.editsInProgress(id);
    }

    boolean hasUnsentEdits() {
        return !unsentEdits.isEmpty();
    }

    /** Sends again the newest text of every post whose last edit could not reach the server. */
    void resendUnsentEdits() {
        for (PostId id : Set.copyOf(unsentEdits.keySet())) {
            try {
                edits.sendAlone(id, () -> Optional.ofNullable(unsentEdits.get(id)), text -> sendEdit(id, text))
                        .ifPresent(post -> LOG.log(Level.INFO, "sent the last edit of post {0} after an outage", id));
            } catch (UnavailableException e) {
                LOG.log(Level.WARNING, "the last edit of post {0} still cannot be sent: {1}", id, e.getMessage());
            } catch (BridgeException e) {
                unsentEdits.remove(id);
                LOG.log(Level.WARNING, "gave up the last edit of post {0}: {1}", id, e.getMessage());
            }
        }
    }

    @Override
    public void deletePost(PostId id) {
        rest.body("delete post " + id, Retry.IDEMPOTENT, api.deletePost(id.value()));
        unsentEdits.remove(id);
    }

    @Override
    public ChatPost post(PostId id) {
        PostJson post = rest.body("get post " + id, Retry.IDEMPOTENT, api.getPost(id.value()));
        if (WireMapping.deleted(post)) {
            throw new NotFoundException("post " + id + " was deleted");
        }
        return WireMapping.post(post);
    }

    @Override
    public List<ChatPost> thread(PostId root) {
        return WireMapping.livePosts(rest.body("get the thread of " + root, Retry.IDEMPOTENT,
                api.getPostThread(root.value())));
    }

    @Override
    public List<ChatPost> postsSince(ChannelId channel, Instant since) {
        Map<PostId, ChatPost> created = new LinkedHashMap<>();
        // The server takes a since of 0 for no since at all and answers the newest page instead: ask from 1 ms.
        long cursor = Math.max(since.toEpochMilli(), 1);
        while (true) {
            PostListJson page = rest.body("list posts of channel " + channel, Retry.IDEMPOTENT,
                    api.getPostsSince(channel.value(), cursor));
            int size = page.posts() == null ? 0 : page.posts().size();
            long newestChange = cursor;
            if (page.posts() != null) {
                for (PostJson post : page.posts().values()) {
                    newestChange = Math.max(newestChange, post.update_at() == null ? 0 : post.update_at());
                }
            }
            for (ChatPost post : WireMapping.livePosts(page)) {
                if (post.createdAt().isAfter(since) && post.channelId().equals(channel)) {
                    created.put(post.id(), post);
                }
            }
            // The server answers a bounded batch of changes; ask again after the newest change until all are read.
            if (size < SINCE_LIMIT || newestChange <= cursor) {
                break;
            }
            cursor = newestChange;
        }
        List<ChatPost> posts = new ArrayList<>(created.values());
        posts.sort(Comparator.comparing(ChatPost::createdAt).thenComparing(p -> p.id().value()));
        return posts;
    }

    @Override
    public void addReaction(PostId post, String emojiName) {
        ReactionJson reaction = new ReactionJson(me().id().value(), post.value(), emojiName, null, null);
        rest.body("react to post " + post, Retry.IDEMPOTENT, api.saveReaction(reaction));
    }

    @Override
    public void removeReaction(PostId post, String emojiName) {
        rest.body("remove a reaction from post " + post, Retry.IDEMPOTENT,
                api.deleteReaction(me().id().value(), post.value(), emojiName));
    }

    @Override
    public List<Reaction> reactions(PostId post) {
        List<ReactionJson> reactions = rest.body("list the reactions on post " + post, Retry.IDEMPOTENT,
                api.getReactions(post.value()));
        return reactions == null ? List.of() : reactions.stream()
                .filter(reaction -> reaction != null && !blank(reaction.user_id()) && !blank(reaction.post_id())
                        && !blank(reaction.emoji_name()))
                .map(WireMapping::reaction)
                .sorted(Comparator.comparing(Reaction::createdAt))
                .toList();
    }

    @Override
    public ChatFile uploadFile(ChannelId channel, String filename, byte[] content) {
        String type = URLConnection.guessContentTypeFromName(filename);
        MediaType mediaType = MediaType.parse(type == null ? "application/octet-stream" : type);
        MultipartBody.Part file = MultipartBody.Part.createFormData("files", filename,
                RequestBody.create(content, mediaType));
        FileUploadJson uploaded = rest.body("upload file " + filename, Retry.RATE_LIMIT_ONLY,
                api.uploadFile(RequestBody.create(channel.value(), MediaType.parse("text/plain")), file));
        if (uploaded == null || uploaded.file_infos() == null || uploaded.file_infos().isEmpty()) {
            throw new UnavailableException("Mattermost accepted the upload of " + filename + " but reported no file");
        }
        return WireMapping.file(uploaded.file_infos().get(0));
    }

    @Override
    public ChatFile fileInfo(FileId id) {
        return WireMapping.file(rest.body("get file info " + id, Retry.IDEMPOTENT, api.getFileInfo(id.value())));
    }

    @Override
    public DownloadedFile downloadFile(FileId id, long maxBytes) {
        FileInfoJson info = rest.body("get file info " + id, Retry.IDEMPOTENT, api.getFileInfo(id.value()));
        ChatFile file = WireMapping.file(info);
        if (file.size() > maxBytes) {
            throw new RejectedRequestException("file " + id + " has " + file.size() + " bytes, more than the "
                    + maxBytes + " allowed");
        }
        Response<ResponseBody> response = rest.success("download file " + id, Retry.IDEMPOTENT, api.getFile(id.value()));
        try (ResponseBody body = response.body()) {
            BufferedSource source = body.source();
            Buffer content = new Buffer();
            long read;
            do {
                read = source.read(content, 8192);
            } while (read != -1 && content.size() <= maxBytes);
            if (content.size() > maxBytes) {
                throw new RejectedRequestException("file " + id + " is larger than the " + maxBytes + " bytes allowed");
            }
            return new DownloadedFile(file, content.readByteArray());
        } catch (IOException e) {
            throw new UnavailableException("download of file " + id + " broke off: " + e, e);
        }
    }

    /** Typing notices go over the event stream's websocket, which costs no REST request. */
    @Override
    public void showWorking(ThreadRef thread) {
        MattermostEventsAdapter events = liveEvents;
        if (events != null) {
            events.userTyping(thread.channel(), thread.root());
        }
    }

    /** The event stream whose websocket carries the bot's own actions (typing) from now on. */
    void actThrough(MattermostEventsAdapter events) {
        liveEvents = events;
    }

    @Override
    public String permalink(PostId post) {
        return siteUrl + "/_redirect/pl/" + post.value();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void requireLength(String message) {
        int length = message.codePointCount(0, message.length());
        if (length > MAX_POST_LENGTH) {
            throw new RejectedRequestException("message has " + length + " characters, more than Mattermost's "
                    + MAX_POST_LENGTH + "; split it before sending");
        }
    }
}
