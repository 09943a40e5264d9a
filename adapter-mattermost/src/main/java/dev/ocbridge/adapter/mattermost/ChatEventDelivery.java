package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.UnauthorizedException;
import dev.ocbridge.core.port.in.ChatEventHandler;
import dev.ocbridge.core.port.out.MappingStore;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands chat events to the core, each post once: live ones from the websocket and missed ones fetched after an
 * outage (catch-up), de-duplicated by post id, and remembers the last post seen per direct channel in the
 * {@link MappingStore}. While a channel owes a catch-up (its posts could not be read), its stored cursor stays
 * where that catch-up must start, live posts notwithstanding. Called from one thread only, so what it delivers
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
    private final Set<ChannelId> emptyWhenServingBegan = ConcurrentHashMap.newKeySet();
    /** Channels whose last catch-up failed; their cursor stays where the next one must start. */
    private final Set<ChannelId> owingCatchUp = ConcurrentHashMap.newKeySet();
    /** The newest post delivered live in a channel owing a catch-up: its cursor once the catch-up succeeds. */
    private final Map<ChannelId, ChannelCursor> heldBack = new ConcurrentHashMap<>();

    ChatEventDelivery(MattermostChatAdapter chat, MappingStore store, ChatEventHandler handler) {
        this.chat = chat;
        this.store = store;
        this.handler = handler;
    }

    void serve(ChannelId channel) {
        servedChannels.add(channel);
    }

    /**
     * Serves every direct channel the bot is in, and gives each served channel without a cursor one at its
     * newest post, so that posts made from now on
     * but before the websocket is up are caught up instead of lost, while older history is not replayed.
     * A channel with no posts yet is caught up from its beginning.
     *
     * @throws UnauthorizedException when the server refuses the token: nothing will work until it is fixed
     */
    void anchorChannelsWithoutCursor() {
        try {
            servedChannels.addAll(chat.botDirectChannels());
        } catch (UnauthorizedException e) {
            throw e;
        } catch (BridgeException e) {
            LOG.log(Level.WARNING, "could not list the bot's direct channels; serving the known ones: {0}",
                    e.getMessage());
        }
        for (ChannelId channel : channelsToServe()) {
            try {
                if (store.cursor(channel).isPresent()) {
                    continue;
                }
                Optional<ChannelCursor> newest = chat.newestPost(channel);
                if (newest.isPresent()) {
                    store.advanceCursor(channel, newest.get());
                } else {
                    emptyWhenServingBegan.add(channel);
                }
            } catch (BridgeException e) {
                LOG.log(Level.WARNING, "could not find where to start catching up in channel {0}: {1}",
                        channel, e.getMessage());
            }
        }
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
     * Delivers the posts created in the served channels since their cursor.
     *
     * @return false if some channel could not be read, so that the caller tries again later
     */
    boolean catchUp() {
        boolean complete = true;
        for (ChannelId channel : channelsToServe()) {
            try {
                Optional<ChannelCursor> cursor = store.cursor(channel);
                if (cursor.isPresent()) {
                    catchUp(channel, cursor.get());
                } else if (emptyWhenServingBegan.contains(channel)) {
                    catchUpFromTheBeginning(channel);
                }
            } catch (BridgeException e) {
                complete = false;
                owingCatchUp.add(channel);
                LOG.log(Level.WARNING, "could not catch up on channel {0}: {1}", channel, e.getMessage());
            }
        }
        return complete;
    }

    private void catchUp(ChannelId channel, ChannelCursor cursor) {
        ChannelKind kind = kindOf(channel);
        // A millisecond earlier: posts made in the same millisecond as the last one seen are not skipped.
        List<ChatPost> missed = chat.postsSince(channel, cursor.lastPostAt().minusMillis(1));
        caughtUp(channel);
        for (ChatPost post : missed) {
            if (!post.id().equals(cursor.lastPostId())) {
                post(new ChatEvent.MessagePosted(post, kind));
            }
        }
    }

    private void catchUpFromTheBeginning(ChannelId channel) {
        ChannelKind kind = kindOf(channel);
        List<ChatPost> missed = chat.postsSince(channel, Instant.EPOCH);
        caughtUp(channel);
        for (ChatPost post : missed) {
            post(new ChatEvent.MessagePosted(post, kind));
        }
    }

    /**
     * The channel's missed posts have been read: the cursor may move again, to the newest post delivered live
     * meanwhile at least (the missed posts that follow move it further if they are newer).
     */
    private void caughtUp(ChannelId channel) {
        if (owingCatchUp.remove(channel)) {
            ChannelCursor newestLive = heldBack.remove(channel);
            if (newestLive != null) {
                advanceCursor(channel, newestLive);
            }
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
        if (posted.channelKind() == ChannelKind.DIRECT) {
            ChatPost post = posted.post();
            ChannelCursor seenNow = new ChannelCursor(post.id(), post.createdAt());
            // Moving the cursor of a channel that owes a catch-up would make that catch-up skip the posts it is
            // owed: keep the newest one aside until then.
            if (owingCatchUp.contains(post.channelId())) {
                heldBack.merge(post.channelId(), seenNow, ChatEventDelivery::newer);
            } else {
                advanceCursor(post.channelId(), seenNow);
            }
        }
    }

    private void advanceCursor(ChannelId channel, ChannelCursor cursor) {
        try {
            store.advanceCursor(channel, cursor);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not remember the last post seen in channel {0}: {1}", channel,
                    e.getMessage());
        }
    }

    private static ChannelCursor newer(ChannelCursor a, ChannelCursor b) {
        return b.lastPostAt().isAfter(a.lastPostAt()) ? b : a;
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
