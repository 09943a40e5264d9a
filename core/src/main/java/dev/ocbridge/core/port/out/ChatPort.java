package dev.ocbridge.core.port.out;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
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

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The chat system as the bridge uses it. Failures are {@link dev.ocbridge.core.error.BridgeException}s.
 */
public interface ChatPort {

    /** The longest message a post may carry; longer text must be split by the caller. */
    int maxPostLength();

    /** The bot account the bridge acts as. */
    ChatUser me();

    ChatUser user(UserId id);

    Optional<ChatUser> userByUsername(String username);

    /** The direct channel between the bot and {@code user}, created if needed. */
    ChannelId directChannelWith(UserId user);

    ChatChannel channel(ChannelId id);

    /**
     * Every direct channel the bot is in, so that posts of one opened while the live connection was down are
     * caught up.
     *
     * @throws dev.ocbridge.core.error.BridgeException not {@linkplain dev.ocbridge.core.error.BridgeException#retryable()
     *         retryable} when this chat server cannot list them at all (an older or partial server)
     */
    List<ChannelId> botDirectChannels();

    /**
     * Where the newest post of a channel stands, system messages included; empty for a channel without posts.
     * Catching up on a channel never seen before starts there, so that its history is not replayed.
     */
    Optional<ChannelCursor> newestPost(ChannelId channel);

    /**
     * Refuses a message longer than {@link #maxPostLength()} before sending anything. Creating a post whose
     * {@link NewPost#key()} created one already (a retry after a lost answer) returns that post instead of a second
     * one, for as long as the chat server remembers the key (Mattermost: 30 seconds).
     */
    ChatPost createPost(NewPost post);

    /** Replaces the message of a post. Rapid edits of one post may be coalesced: the newest text wins. */
    ChatPost editPost(PostId id, String message);

    void deletePost(PostId id);

    ChatPost post(PostId id);

    /** The root and every reply of a thread, oldest first. */
    List<ChatPost> thread(PostId root);

    /** Posts of a channel created after {@code since}, oldest first. */
    List<ChatPost> postsSince(ChannelId channel, Instant since);

    void addReaction(PostId post, String emojiName);

    void removeReaction(PostId post, String emojiName);

    /** Everyone's reactions on a post, oldest first: what was missed while the live connection was down. */
    List<Reaction> reactions(PostId post);

    /** Uploads a file into a channel, to be attached to a post created afterwards. */
    ChatFile uploadFile(ChannelId channel, String filename, byte[] content);

    ChatFile fileInfo(FileId id);

    /** Downloads a file, refusing (before downloading) one larger than {@code maxBytes}. */
    DownloadedFile downloadFile(FileId id, long maxBytes);

    /**
     * Shows the people in a thread, for the next few seconds, that the bot is working there (a typing
     * indicator); call it again to keep showing it. Best effort: it posts nothing and never fails; when it
     * cannot be shown right now, nothing happens.
     */
    void showWorking(ThreadRef thread);

    /** A link people can click to open the post. */
    String permalink(PostId post);
}
