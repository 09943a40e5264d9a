package dev.ocbridge.core.testing;

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
import dev.ocbridge.core.domain.PostKey;
import dev.ocbridge.core.domain.PostOrigin;
import dev.ocbridge.core.domain.Reaction;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.RejectedRequestException;
import dev.ocbridge.core.error.UnavailableException;
import dev.ocbridge.core.port.out.ChatPort;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The {@link ChatPort} fake for core tests: keeps posts, users, channels, reactions and files in memory
 * with the same rules as the real chat server (length limit, thread roots in the same channel).
 */
public final class FakeChatPort implements ChatPort {
    public static final int MAX_POST_LENGTH = 16_383;

    private final Clock clock;
    private final ChatUser bot;
    private final Map<UserId, ChatUser> users = new LinkedHashMap<>();
    private final Map<ChannelId, ChatChannel> channels = new LinkedHashMap<>();
    private final Map<String, ChannelId> directChannels = new HashMap<>();
    private final Map<PostId, ChatPost> posts = new LinkedHashMap<>();
    /** Which post each key created: as the real servers do, a create with a known key answers that post. */
    private final Map<PostKey, PostId> createdByKey = new HashMap<>();
    private final List<Reaction> reactions = new ArrayList<>();
    private final Map<FileId, DownloadedFile> files = new HashMap<>();
    private final List<String> edits = new ArrayList<>();
    private final List<String> reactionChanges = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final List<ThreadRef> workingShown = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private int failuresToInject;
    private int createAnswersToLose;
    private int lookupFailuresToInject;
    private int lookupRefusalsToInject;
    private int downloadFailuresToInject;
    private int userLookups;
    private volatile Gate postGate;
    private Runnable whileEditing = () -> { };
    private boolean failReadingPosts;
    private volatile Consumer<ChatPost> announcer = post -> { };

    public FakeChatPort(Clock clock, ChatUser bot) {
        this.clock = clock;
        this.bot = bot;
        users.put(bot.id(), bot);
    }

    public synchronized ChatUser addUser(String username, boolean isBot) {
        ChatUser user = new ChatUser(new UserId("user" + ids.incrementAndGet()), username, isBot);
        users.put(user.id(), user);
        return user;
    }

    /** The next {@code count} writes fail as if the server were unreachable. */
    public synchronized void failNextWrites(int count) {
        failuresToInject = count;
    }

    /** The next {@code count} creates store their post and then fail, as a create whose answer was lost. */
    public synchronized void loseNextCreateAnswers(int count) {
        createAnswersToLose = count;
    }

    /** The next {@code count} lookups of a user fail as if the server were unreachable. */
    public synchronized void failNextUserLookups(int count) {
        lookupFailuresToInject = count;
    }

    /** The next {@code count} author lookups are refused for good, as a request the server finds invalid. */
    public synchronized void refuseNextUserLookups(int count) {
        lookupRefusalsToInject = count;
    }

    /** The next {@code count} downloads fail as if the server were unreachable. */
    public synchronized void failNextDownloads(int count) {
        downloadFailuresToInject = count;
    }

    /** While set, reading a channel's posts ({@link #postsSince}, {@link #newestPost}) fails as if unreachable. */
    public synchronized void failReadingPosts(boolean failing) {
        failReadingPosts = failing;
    }

    /** Every post stored from now on, the bot's included, is also handed to {@code listener}, under this fake's lock. */
    public void announceNewPostsTo(Consumer<ChatPost> listener) {
        announcer = listener;
    }

    /** How often {@link #user} was called, failed calls included. */
    public synchronized int userLookups() {
        return userLookups;
    }

    /** From now on {@link #createPost} waits at {@code gate} before it posts; the fake's other calls do not wait. */
    public void holdPosts(Gate gate) {
        postGate = gate;
    }

    /** From now on every edit runs {@code work} first, as an adapter waiting out a rate limit would take time. */
    public synchronized void whileEditing(Runnable work) {
        whileEditing = work;
    }

    /**
     * An account posts; the returned post is what the chat server would announce. A bot account's post is
     * marked as automation, as the real server marks it.
     */
    public synchronized ChatPost postAs(ChatUser author, ChannelId channel, PostId root, String message) {
        return postAs(author, channel, root, message, List.of());
    }

    public synchronized ChatPost postAs(ChatUser author, ChannelId channel, PostId root, String message,
                                        List<FileId> fileIds) {
        return store(new NewPost(channel, root, message, fileIds), author.id(),
                author.bot() ? PostOrigin.AUTOMATION : PostOrigin.PERSON);
    }

    /** A program posts in the name of {@code onBehalfOf}: a webhook or an integration that person set up. */
    public synchronized ChatPost postByAutomation(ChatUser onBehalfOf, ChannelId channel, String message) {
        return store(new NewPost(channel, null, message, List.of()), onBehalfOf.id(), PostOrigin.AUTOMATION);
    }

    /** The chat server writes a notice into a channel in the name of whoever caused it. */
    public synchronized ChatPost systemNotice(ChatUser causedBy, ChannelId channel, String message) {
        return store(new NewPost(channel, null, message, List.of()), causedBy.id(), PostOrigin.SYSTEM);
    }

    /** A person uploads a file, to attach it to a post of theirs. */
    public synchronized ChatFile addFile(String name, String mimeType, byte[] content) {
        ChatFile file = new ChatFile(new FileId("file" + ids.incrementAndGet()), name, mimeType, content.length);
        files.put(file.id(), new DownloadedFile(file, content));
        return file;
    }

    public synchronized DownloadedFile storedFile(FileId id) {
        return download(id);
    }

    /** Every reaction the bot added ({@code +name}) or removed ({@code -name}), with its post, in order. */
    public synchronized List<String> reactionChanges() {
        return List.copyOf(reactionChanges);
    }

    public synchronized List<ChatPost> postsIn(ChannelId channel) {
        return posts.values().stream().filter(post -> post.channelId().equals(channel)).toList();
    }

    public synchronized List<ChatPost> postsBy(UserId author) {
        return posts.values().stream().filter(post -> post.authorId().equals(author)).toList();
    }

    /** Every text the bot posted or edited a post to, in order. */
    public synchronized List<String> sentTexts() {
        return List.copyOf(sent);
    }

    /** Every text a post was edited to, in order. */
    public synchronized List<String> edits() {
        return List.copyOf(edits);
    }

    @Override
    public int maxPostLength() {
        return MAX_POST_LENGTH;
    }

    @Override
    public ChatUser me() {
        return bot;
    }

    @Override
    public synchronized ChatUser user(UserId id) {
        userLookups++;
        if (lookupFailuresToInject > 0) {
            lookupFailuresToInject--;
            throw new UnavailableException("chat server unreachable (injected)");
        }
        if (lookupRefusalsToInject > 0) {
            lookupRefusalsToInject--;
            throw new RejectedRequestException("lookup refused (injected)");
        }
        return knownUser(id);
    }

    private ChatUser knownUser(UserId id) {
        ChatUser user = users.get(id);
        if (user == null) {
            throw new NotFoundException("no user " + id);
        }
        return user;
    }

    @Override
    public synchronized Optional<ChatUser> userByUsername(String username) {
        return users.values().stream().filter(user -> user.username().equals(username)).findFirst();
    }

    @Override
    public synchronized ChannelId directChannelWith(UserId user) {
        knownUser(user);
        String name = bot.id().value().compareTo(user.value()) < 0
                ? bot.id() + "__" + user : user + "__" + bot.id();
        return directChannels.computeIfAbsent(name, key -> {
            ChatChannel channel = new ChatChannel(new ChannelId("dm" + ids.incrementAndGet()), ChannelKind.DIRECT, key);
            channels.put(channel.id(), channel);
            return channel.id();
        });
    }

    @Override
    public synchronized ChatChannel channel(ChannelId id) {
        ChatChannel channel = channels.get(id);
        if (channel == null) {
            throw new NotFoundException("no channel " + id);
        }
        return channel;
    }

    @Override
    public synchronized List<ChannelId> botDirectChannels() {
        return List.copyOf(directChannels.values());
    }

    @Override
    public synchronized Optional<ChannelCursor> newestPost(ChannelId channel) {
        failReadingPostsIfAsked();
        List<ChatPost> inChannel = postsIn(channel);
        return inChannel.isEmpty() ? Optional.empty() : Optional.of(inChannel.get(inChannel.size() - 1))
                .map(post -> new ChannelCursor(post.id(), post.createdAt()));
    }

    @Override
    public ChatPost createPost(NewPost post) {
        Gate gate = postGate;
        if (gate != null) {
            gate.pass();
        }
        return createPostNow(post);
    }

    private synchronized ChatPost createPostNow(NewPost post) {
        failIfAsked();
        PostId known = createdByKey.get(post.key());
        if (known != null && posts.containsKey(known)) {
            return posts.get(known);
        }
        ChatPost created = store(post, bot.id(), PostOrigin.AUTOMATION);
        createdByKey.put(post.key(), created.id());
        sent.add(post.message());
        if (createAnswersToLose > 0) {
            createAnswersToLose--;
            throw new UnavailableException("the answer to a create was lost (injected)");
        }
        return created;
    }

    @Override
    public synchronized ChatPost editPost(PostId id, String message) {
        whileEditing.run();
        failIfAsked();
        requireLength(message);
        ChatPost old = post(id);
        ChatPost edited = new ChatPost(id, old.channelId(), old.rootId(), old.authorId(), old.origin(), message,
                old.createdAt(), clock.instant(), old.fileIds());
        posts.put(id, edited);
        edits.add(message);
        sent.add(message);
        return edited;
    }

    @Override
    public synchronized void deletePost(PostId id) {
        post(id);
        posts.remove(id);
    }

    @Override
    public synchronized ChatPost post(PostId id) {
        ChatPost post = posts.get(id);
        if (post == null) {
            throw new NotFoundException("no post " + id);
        }
        return post;
    }

    @Override
    public synchronized List<ChatPost> thread(PostId root) {
        ChatPost rootPost = post(root);
        List<ChatPost> thread = new ArrayList<>();
        thread.add(rootPost);
        posts.values().stream().filter(post -> root.equals(post.rootId())).forEach(thread::add);
        return thread;
    }

    @Override
    public synchronized List<ChatPost> postsSince(ChannelId channel, Instant since) {
        failReadingPostsIfAsked();
        return postsIn(channel).stream().filter(post -> post.createdAt().isAfter(since)).toList();
    }

    @Override
    public synchronized void addReaction(PostId post, String emojiName) {
        failIfAsked();
        store(bot.id(), post, emojiName);
        reactionChanges.add("+" + emojiName + " " + post);
    }

    @Override
    public synchronized void removeReaction(PostId post, String emojiName) {
        reactions.removeIf(reaction -> reaction.postId().equals(post) && reaction.userId().equals(bot.id())
                && reaction.emojiName().equals(emojiName));
        reactionChanges.add("-" + emojiName + " " + post);
    }

    @Override
    public synchronized List<Reaction> reactions(PostId post) {
        post(post);
        return reactions.stream().filter(reaction -> reaction.postId().equals(post)).toList();
    }

    /** A person reacts; the returned reaction is what the chat server would announce. */
    public synchronized Reaction reactAs(ChatUser person, PostId post, String emojiName) {
        return store(person.id(), post, emojiName);
    }

    /** The emoji names on a post, whoever reacted. */
    public synchronized Set<String> reactionsOn(PostId post) {
        return reactions.stream().filter(reaction -> reaction.postId().equals(post)).map(Reaction::emojiName)
                .collect(Collectors.toSet());
    }

    private Reaction store(UserId user, PostId post, String emojiName) {
        ChatPost target = post(post);
        Reaction reaction = new Reaction(post, user, emojiName, target.channelId(), clock.instant());
        boolean known = reactions.stream().anyMatch(existing -> existing.postId().equals(post)
                && existing.userId().equals(user) && existing.emojiName().equals(emojiName));
        if (!known) {
            reactions.add(reaction);
        }
        return reaction;
    }

    @Override
    public synchronized ChatFile uploadFile(ChannelId channel, String filename, byte[] content) {
        channel(channel);
        ChatFile file = new ChatFile(new FileId("file" + ids.incrementAndGet()), filename, null, content.length);
        files.put(file.id(), new DownloadedFile(file, content));
        return file;
    }

    @Override
    public synchronized ChatFile fileInfo(FileId id) {
        return download(id).info();
    }

    @Override
    public synchronized DownloadedFile downloadFile(FileId id, long maxBytes) {
        if (downloadFailuresToInject > 0) {
            downloadFailuresToInject--;
            throw new UnavailableException("chat server unreachable (injected)");
        }
        DownloadedFile file = download(id);
        if (file.info().size() > maxBytes) {
            throw new RejectedRequestException("file " + id + " is larger than " + maxBytes + " bytes");
        }
        return file;
    }

    @Override
    public synchronized void showWorking(ThreadRef thread) {
        workingShown.add(thread);
    }

    /** How often the bot showed it was working in the thread. */
    public synchronized int timesWorkingShownIn(ThreadRef thread) {
        return (int) workingShown.stream().filter(thread::equals).count();
    }

    @Override
    public String permalink(PostId post) {
        return "https://chat.example/_redirect/pl/" + post;
    }

    private DownloadedFile download(FileId id) {
        DownloadedFile file = files.get(id);
        if (file == null) {
            throw new NotFoundException("no file " + id);
        }
        return file;
    }

    private ChatPost store(NewPost post, UserId author, PostOrigin origin) {
        requireLength(post.message());
        channel(post.channelId());
        if (post.rootId() != null) {
            ChatPost root = post(post.rootId());
            if (!root.channelId().equals(post.channelId()) || root.isReply()) {
                throw new RejectedRequestException("invalid root " + post.rootId());
            }
        }
        Instant now = clock.instant();
        ChatPost created = new ChatPost(new PostId("post" + ids.incrementAndGet()), post.channelId(), post.rootId(),
                author, origin, post.message(), now, now, post.fileIds());
        posts.put(created.id(), created);
        announcer.accept(created);
        return created;
    }

    private void requireLength(String message) {
        if (message.length() > MAX_POST_LENGTH) {
            throw new RejectedRequestException("message longer than " + MAX_POST_LENGTH + " characters");
        }
    }

    private void failReadingPostsIfAsked() {
        if (failReadingPosts) {
            throw new UnavailableException("reading posts failed (injected)");
        }
    }

    private void failIfAsked() {
        if (failuresToInject > 0) {
            failuresToInject--;
            throw new UnavailableException("chat server unreachable (injected)");
        }
    }
}
