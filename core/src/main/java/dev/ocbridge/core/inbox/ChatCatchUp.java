package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.Backoff;
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
import dev.ocbridge.core.port.out.ChatEventsPort;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.SchedulerPort;
import dev.ocbridge.core.work.SerialQueues;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands the chat's events to the inbox, each post once: the live ones from the {@link ChatEventsPort}, and the ones
 * the connection missed (an outage, lost events, a restart) read back through the {@link ChatPort}. This is the
 * catch-up policy, the same for every chat adapter:
 * <ul>
 *   <li>A channel with a cursor (the inbox moves it over handled posts) is caught up from there.</li>
 *   <li>One without a cursor when serving begins gets one at its newest post (written by the inbox, which owns the
 *       cursors), so that its history is not replayed while what is posted from then on is; one without posts is
 *       caught up from its beginning.</li>
 *   <li>A direct channel found later (opened while the connection was down) is caught up from when the connection
 *       was last known up.</li>
 *   <li>A catch-up that cannot read a channel tells the inbox, which then holds the channel's cursor, and is tried
 *       again with backoff until it works.</li>
 * </ul>
 * What the source delivers and every catch-up run on one lane, one after another in the order they came; catch-up
 * delivers the posts a reconnection missed before the {@link ChatEvent.Connected} that follows them.
 */
public final class ChatCatchUp implements ChatEventHandler {
    private static final System.Logger LOG = System.getLogger(ChatCatchUp.class.getName());
    private static final int REMEMBERED_POSTS = 10_000;

    private final ChatPort chat;
    private final MappingStore store;
    private final ChatInbox inbox;
    private final SerialQueues queues;
    private final SchedulerPort scheduler;
    private final Backoff retries;
    private final Clock clock;
    private final Object lane = new Object();
    private final SeenPosts seen = new SeenPosts(REMEMBERED_POSTS);
    private final Set<ChannelId> served = ConcurrentHashMap.newKeySet();
    private final Map<ChannelId, ChannelKind> kinds = new ConcurrentHashMap<>();
    /** For channels without a cursor: their catch-up delivers the posts created after this time. */
    private final Map<ChannelId, Instant> catchUpAfter = new ConcurrentHashMap<>();
    private final AtomicBoolean reportedNoChannelList = new AtomicBoolean();
    /** Channels whose last catch-up failed: the inbox was told, and is told again once one succeeds. Lane-owned. */
    private final Set<ChannelId> owing = new LinkedHashSet<>();
    /** When the connection that dropped was last known up; null before the first drop. Lane-owned. */
    private Instant connectedUntil;
    private int failedCatchUps;
    private volatile Instant servingBegan;
    private volatile SchedulerPort.Cancellable retry;
    private volatile ChatEventsPort source;
    private volatile boolean stopped;

    public ChatCatchUp(ChatPort chat, MappingStore store, ChatInbox inbox, SerialQueues queues,
                       SchedulerPort scheduler, Backoff retries, Clock clock) {
        this.chat = chat;
        this.store = store;
        this.inbox = inbox;
        this.queues = queues;
        this.scheduler = scheduler;
        this.retries = retries;
        this.clock = clock;
    }

    /** Also catches up on this channel (direct channels of the bot and thread-mapped ones are served anyway). */
    public void serve(ChannelId channel) {
        served.add(channel);
    }

    /**
     * Gives every served channel without a cursor one, then starts the source.
     *
     * @throws UnauthorizedException when the chat refuses the bot: nothing will work until that is fixed
     */
    public void start(ChatEventsPort events) {
        source = events;
        anchorChannelsWithoutCursor();
        events.start(this);
    }

    /** Stops the source and the catch-ups; what the source received already is still handed on. */
    public void stop() {
        stopped = true;
        ChatEventsPort events = source;
        if (events != null) {
            events.stop();
        }
        SchedulerPort.Cancellable pending = retry;
        if (pending != null) {
            pending.cancel();
        }
    }

    @Override
    public void onChatEvent(ChatEvent event) {
        queues.submit(lane, () -> handle(event));
    }

    private void handle(ChatEvent event) {
        if (event instanceof ChatEvent.MessagePosted posted) {
            live(posted);
        } else if (event instanceof ChatEvent.Connected connected) {
            rediscoverChannels();
            catchUp();
            handOn(connected);
        } else if (event instanceof ChatEvent.Disconnected disconnected) {
            connectedUntil = disconnected.connectedUntil();
            handOn(disconnected);
        } else if (event instanceof ChatEvent.EventsMissed missed) {
            LOG.log(Level.WARNING, "chat events were lost ({0}); catching up", missed.why());
            catchUp();
            handOn(missed);
        } else {
            handOn(event);
        }
    }

    private void anchorChannelsWithoutCursor() {
        servingBegan = clock.instant();
        listDirectChannels();
        for (ChannelId channel : channelsToServe()) {
            try {
                if (store.cursor(channel).isPresent()) {
                    continue;
                }
                Optional<ChannelCursor> newest = chat.newestPost(channel);
                if (newest.isPresent()) {
                    inbox.startAt(channel, newest.get());
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
     * Lists the bot's direct channels again, as after every (re)connect: one opened meanwhile has no cursor, and is
     * caught up from when the connection was last known up (from when serving began if it never dropped), so that
     * a new user's first words sent during an outage are not lost.
     */
    private void rediscoverChannels() {
        try {
            listDirectChannels();
        } catch (UnauthorizedException e) {
            LOG.log(Level.WARNING, "could not list the direct channels of the bot: {0}", e.getMessage());
        }
        Instant after = justBefore(connectedUntil != null ? connectedUntil
                : servingBegan != null ? servingBegan : clock.instant());
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
     * Serves every direct channel the chat lists for the bot. A chat that cannot list them at all is reported once;
     * the bridge works on with the channels it knows and those seen live.
     *
     * @throws UnauthorizedException when the chat refuses the bot
     */
    private void listDirectChannels() {
        try {
            served.addAll(chat.botDirectChannels());
        } catch (UnauthorizedException e) {
            throw e;
        } catch (BridgeException e) {
            if (e.retryable()) {
                LOG.log(Level.WARNING, "could not list the direct channels of the bot; serving the known ones and those "
                        + "seen live: {0}", e.getMessage());
            } else if (reportedNoChannelList.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "this chat server does not list the direct channels of the bot; serving the "
                        + "known ones and those seen live, and a direct channel opened while the connection is down "
                        + "is not caught up: {0}", e.getMessage());
            } else {
                LOG.log(Level.DEBUG, "the direct channels of the bot are still not listed: {0}", e.getMessage());
            }
        }
    }

    /** Delivers the posts created in the served channels since their cursor, or since where their catch-up starts. */
    private void catchUp() {
        boolean complete = true;
        for (ChannelId channel : channelsToServe()) {
            try {
                Optional<ChannelCursor> cursor = store.cursor(channel);
                Instant after = catchUpAfter.get(channel);
                if (cursor.isPresent()) {
                    deliverPostsSince(channel, justBefore(cursor.get().lastPostAt()), cursor.get().lastPostId());
                } else if (after != null) {
                    deliverPostsSince(channel, after, null);
                }
            } catch (BridgeException e) {
                complete = false;
                if (owing.add(channel)) {
                    inbox.catchUpOwed(channel);
                }
                LOG.log(Level.WARNING, "could not catch up on channel {0}: {1}", channel, e.getMessage());
            }
        }
        if (complete) {
            failedCatchUps = 0;
        } else {
            retryLater();
        }
    }

    private void retryLater() {
        if (stopped || retry != null) {
            return;
        }
        failedCatchUps++;
        retry = scheduler.schedule(retries.delayAfter(failedCatchUps).orElse(retries.longest()),
                () -> queues.submit(lane, () -> {
                    retry = null;
                    if (!stopped) {
                        catchUp();
                    }
                }));
    }

    /** Delivers the channel's posts created after {@code after}, but {@code lastHandled} (null if none). */
    private void deliverPostsSince(ChannelId channel, Instant after, PostId lastHandled) {
        ChannelKind kind = kindOf(channel);
        for (ChatPost post : chat.postsSince(channel, after)) {
            if (!post.id().equals(lastHandled)) {
                deliver(new ChatEvent.MessagePosted(post, kind));
            }
        }
        if (owing.remove(channel)) {
            inbox.caughtUp(channel);
        }
    }

    private void live(ChatEvent.MessagePosted announced) {
        ChatEvent.MessagePosted posted = withKnownKind(announced);
        if (posted.channelKind() == ChannelKind.DIRECT) {
            served.add(posted.post().channelId());
        }
        deliver(posted);
    }

    private void deliver(ChatEvent.MessagePosted posted) {
        if (seen.firstTime(posted.post().id())) {
            handOn(posted);
        }
    }

    /** A failure of the inbox on one event must not cost the posts after it in a catch-up. */
    private void handOn(ChatEvent event) {
        try {
            inbox.onChatEvent(event);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the inbox failed on " + event.getClass().getSimpleName(), e);
        }
    }

    /** The event's channel kind, asked from the chat when the event did not say it. */
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
        ChannelKind known = kinds.get(channel);
        if (known != null) {
            return known;
        }
        ChannelKind asked = chat.channel(channel).kind();
        kinds.put(channel, asked);
        return asked;
    }

    private Set<ChannelId> channelsToServe() {
        Set<ChannelId> channels = new LinkedHashSet<>(served);
        try {
            for (ThreadMapping mapping : store.mappings()) {
                channels.add(mapping.thread().channel());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the thread mappings: {0}", e.getMessage());
        }
        return channels;
    }

    /** A millisecond earlier: posts made in the same millisecond as {@code time} are not skipped. */
    private static Instant justBefore(Instant time) {
        return time.equals(Instant.EPOCH) ? time : time.minusMillis(1);
    }
}
