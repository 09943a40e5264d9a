package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.UnauthorizedException;
import dev.ocbridge.core.port.in.ChatEventHandler;
import dev.ocbridge.core.port.out.MappingStore;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands chat events to the core, each post once: live ones from the websocket and missed ones fetched after an
 * outage (catch-up) from the channel's cursor in the {@link MappingStore}, de-duplicated by post id. The core moves
 * the cursor, over the posts it has handled; while a channel owes a catch-up (its posts could not be read), the core
 * is told ({@link ChatEvent.CatchUpOwed}) so that the cursor stays where that catch-up must start, and told again
 * ({@link ChatEvent.CaughtUp}) once the missed posts were delivered. Called from one thread only, so what it delivers
 * keeps its order.
 */
final class ChatEventDelivery {
    private static final System.Logger LOG = System.getLogger(ChatEventDelivery.class.getName());

    private final MattermostChatAdapter chat;
    private final MappingStore store;
    private final ChatEventHandler handler;
    private final SeenPosts seen = new SeenPosts(10_000);
    private final Set<ChannelId> servedChannels = ConcurrentHashMap.newKeySet();
    private final Map<ChannelId, ChannelKind> kinds = new ConcurrentHashMap<>();
    /**
     * For channels without a cursor: the catch-up delivers the posts created after this time. The epoch for a
     * channel that was empty when serving began; the time serving began, or the connection was last known up, for
     * one whose newest post could not be read or that was found only later.
     */
    private final Map<ChannelId, Instant> catchUpAfter = new ConcurrentHashMap<>();
    /** Channels whose last catch-up failed; the core was told, and is told again when a catch-up succeeds. */
    private final Set<ChannelId> owingCatchUp = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean reportedNoChannelList = new AtomicBoolean();
    private final Clock clock;
    private volatile Instant servingBegan;

    ChatEventDelivery(MattermostChatAdapter chat, MappingStore store, ChatEventHandler handler, Clock clock) {
        this.chat = chat;
        this.store = store;
        this.handler = handler;
        this.clock = clock;
    }

    void serve(ChannelId channel) {
        servedChannels.add(channel);
    }

    /**
     * Serves every direct channel the bot is in, and gives each served channel without a cursor one at its
     * newest post, so that posts made from now on
     * but before the websocket is up are caught up instead of lost, while older history is not replayed.
     * A channel with no posts yet is caught up from its beginning; one whose newest post cannot be read, from now.
     *
     * @throws UnauthorizedException when the server refuses the token: nothing will work until it is fixed
     */
    void anchorChannelsWithoutCursor() {
        servingBegan = clock.instant();
        listDirectChannels();
        for (ChannelId channel : channelsToServe()) {
            try {
                if (store.cursor(channel).isPresent()) {
                    continue;
                }
                Optional<ChannelCursor> newest = chat.newestPost(channel);
                if (newest.isPresent()) {
                    store.advanceCursor(channel, newest.get());
                } else {
                    catchUpAfter.put(channel, Instant.EPOCH);
                }
            } catch (BridgeException e) {
                catchUpAfter.putIfAbsent(channel, justBefore(servingBegan));
                LOG.log(Level.WARNING, "could not find where to start catching up in channel {0}, so it starts "
                        + "from now: {1}", channel, e.getMessage());
            }
        }
    }

    /**
     * Lists the bot's direct channels again, as after every (re)connect: one opened meanwhile (or not listed
     * before) has no cursor, and is caught up from {@code lastConnected}, when the bridge was last known connected
     * (from when serving began if it never was), so that a new user's first words sent during an outage are not
     * lost. Never fails: without the list, the channels already known and those seen live are served.
     */
    void rediscoverChannels(Optional<Instant> lastConnected) {
        try {
            listDirectChannels();
        } catch (UnauthorizedException e) {
            LOG.log(Level.WARNING, "could not list the direct channels of the bot: {0}", e.getMessage());
        }
        Instant after = justBefore(lastConnected.orElse(servingBegan == null ? clock.instant() : servingBegan));
        for (ChannelId channel : channelsToServe()) {
            try {
                if (!catchUpAfter.containsKey(channel) && store.cursor(channel).isEmpty()) {
                    catchUpAfter.put(channel, after);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not read where channel {0} was left: {1}", channel, e.getMessage());
            }
        }
    }

    /**
     * Serves every direct channel the server lists for the bot. A server that cannot list them for good (an older
     * or partial one: 404, 501) is reported once; the bridge works on without the list.
     *
     * @throws UnauthorizedException when the server refuses the token
     */
    private void listDirectChannels() {
        try {
            servedChannels.addAll(chat.botDirectChannels());
        } catch (UnauthorizedException e) {
            throw e;
        } catch (BridgeException e) {
            if (e.retryable()) {
                LOG.log(Level.WARNING, "could not list the direct channels of the bot; serving the known ones and those "
                        + "seen live: {0}", e.getMessage());
            } else if (reportedNoChannelList.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "this Mattermost server does not list the direct channels of the bot; serving the "
                        + "known ones and those seen live, and a direct channel opened while the connection is down "
                        + "is not caught up: {0}", e.getMessage());
            } else {
                LOG.log(Level.DEBUG, "the direct channels of the bot are still not listed: {0}", e.getMessage());
            }
        }
    }

    /** A millisecond earlier: posts made in the same millisecond as {@code time} are not skipped. */
    private static Instant justBefore(Instant time) {
        return time.equals(Instant.EPOCH) ? time : time.minusMillis(1);
    }

    /** An event the websocket brought. */
    void live(ChatEvent event) {
        if (event instanceof ChatEvent.MessagePosted announced) {
            ChatEvent.MessagePosted posted = withKnownKind(announced);
            if (posted.channelKind() == ChannelKind.DIRECT) {
                servedChannels.add(posted.post().channelId());
            }
            post(posted);
        } else {
            handle(event);
        }
    }

    /**
     * Delivers the posts created in the served channels since their cursor, or for a channel without one, since
     * where its catch-up starts ({@link #catchUpAfter}).
     *
     * @return false if some channel could not be read, so that the caller tries again later
     */
    boolean catchUp() {
        boolean complete = true;
        for (ChannelId channel : channelsToServe()) {
            try {
                Optional<ChannelCursor> cursor = store.cursor(channel);
                Instant after = catchUpAfter.get(channel);
                if (cursor.isPresent()) {
                    catchUp(channel, justBefore(cursor.get().lastPostAt()), cursor.get().lastPostId());
                } else if (after != null) {
                    catchUp(channel, after, null);
                }
            } catch (BridgeException e) {
                complete = false;
                if (owingCatchUp.add(channel)) {
                    handle(new ChatEvent.CatchUpOwed(channel));
                }
                LOG.log(Level.WARNING, "could not catch up on channel {0}: {1}", channel, e.getMessage());
            }
        }
        return complete;
    }

    /** Delivers the channel's posts created after {@code after}, but {@code lastSeen} (null if none). */
    private void catchUp(ChannelId channel, Instant after, PostId lastSeen) {
        ChannelKind kind = kindOf(channel);
        List<ChatPost> missed = chat.postsSince(channel, after);
        for (ChatPost post : missed) {
            if (!post.id().equals(lastSeen)) {
                post(new ChatEvent.MessagePosted(post, kind));
            }
        }
        caughtUp(channel);
    }

    /** The channel's missed posts have been handed on: only now may the core move its cursor past them. */
    private void caughtUp(ChannelId channel) {
        if (owingCatchUp.remove(channel)) {
            handle(new ChatEvent.CaughtUp(channel));
        }
    }

    void handle(ChatEvent event) {
        try {
            handler.onChatEvent(event);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the chat event handler failed on " + event.getClass().getSimpleName(), e);
        }
    }

    private void post(ChatEvent.MessagePosted posted) {
        if (!seen.firstTime(posted.post().id())) {
            return;
        }
        handle(posted);
    }

    /** The event's channel kind, asked from the server when the event did not say it. */
    private ChatEvent.MessagePosted withKnownKind(ChatEvent.MessagePosted posted) {
        ChannelId channel = posted.post().channelId();
        if (posted.channelKind() != ChannelKind.UNKNOWN) {
            kinds.put(channel, posted.channelKind());
            return posted;
        }
        try {
            return new ChatEvent.MessagePosted(posted.post(), kindOf(channel));
        } catch (BridgeException e) {
            LOG.log(Level.WARNING, "could not learn the kind of channel {0}: {1}", channel, e.getMessage());
            return posted;
        }
    }

    private ChannelKind kindOf(ChannelId channel) {
        return kinds.computeIfAbsent(channel, id -> chat.channel(id).kind());
    }

    private Set<ChannelId> channelsToServe() {
        Set<ChannelId> channels = new LinkedHashSet<>(servedChannels);
        channels.addAll(chat.directChannelsOpened());
        try {
            for (ThreadMapping mapping : store.mappings()) {
                channels.add(mapping.thread().channel());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the thread mappings: {0}", e.getMessage());
        }
        return channels;
    }
}
