package dev.ocbridge.core.inbox;

import dev.ocbridge.core.access.AccessDecision;
import dev.ocbridge.core.access.AccessPolicy;
import dev.ocbridge.core.commands.CommandService;
import dev.ocbridge.core.control.ChatControl;
import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.domain.ChannelCursor;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.Reaction;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.health.BridgeHealth;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.SchedulerPort;
import dev.ocbridge.core.texts.BridgeTexts;
import dev.ocbridge.core.threads.BotIdentity;
import dev.ocbridge.core.work.SerialQueues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what people post into prompts and commands, so that the chat's event lane never waits for the agent server.
 *
 * <p>Order holds where it matters and nowhere else: the replies of one thread are handled one after another, on
 * that thread's lane; the top-level posts of a channel (the main DM) one after another on the channel's main lane;
 * different lanes in parallel. A reply to a top-level post that is still being handled (its session may be being
 * created) waits until that post is handled, then goes first on the thread's lane.
 *
 * <p>A post whose handling fails in a way that may pass (the chat server briefly unavailable) is tried again
 * later with backoff, and the later posts of its lane wait behind it so that their order holds; other lanes go
 * on. That is safe because the handling throws only while nothing has reached the agent (see
 * {@link PromptDispatcher#send}): a prompt is never sent twice. A direct channel's cursor moves only over handled
 * posts ({@link InboxCursors}), so a post still waiting at a stop or crash is caught up again after the restart.
 */
public final class ChatInboxService implements ChatInbox {
    private static final System.Logger LOG = System.getLogger(ChatInboxService.class.getName());

    private final ChatPort chat;
    private final BotIdentity identity;
    private final AccessPolicy access;
    private final MessageRouter router;
    private final CommandService commands;
    private final PromptDispatcher dispatcher;
    private final MainDmPrompts mainDm;
    private final NewSessionInProject newSessions;
    private final BridgeHealth health;
    private final BridgeTexts texts;
    private final SerialQueues queues;
    private final SchedulerPort scheduler;
    private final Clock clock;
    private final ChatControl control;
    private final InboxCursors cursors;
    /** Per lane, the post waiting for its retry first and the posts that came after it; lane-owned. */
    private final Map<Lane, Deque<PendingPost>> waitingForRetry = new ConcurrentHashMap<>();
    /**
     * Top-level posts given to a main lane and not handled yet, each with the replies to it that came meanwhile,
     * in order: those wait until the post that roots their thread is handled. Guarded by itself.
     */
    private final Map<PostId, List<PendingPost>> rootsInFlight = new HashMap<>();

    public ChatInboxService(ChatPort chat, BotIdentity identity, AccessPolicy access, MessageRouter router,
                            CommandService commands, PromptDispatcher dispatcher, MainDmPrompts mainDm,
                            NewSessionInProject newSessions, BridgeHealth health, BridgeTexts texts,
                            SerialQueues queues, SchedulerPort scheduler, Clock clock, ChatControl control,
                            MappingStore store) {
        this.chat = chat;
        this.identity = identity;
        this.access = access;
        this.router = router;
        this.commands = commands;
        this.dispatcher = dispatcher;
        this.mainDm = mainDm;
        this.newSessions = newSessions;
        this.health = health;
        this.texts = texts;
        this.queues = queues;
        this.scheduler = scheduler;
        this.clock = clock;
        this.control = control;
        this.cursors = new InboxCursors(store);
    }

    @Override
    public void onChatEvent(ChatEvent event) {
        if (event instanceof ChatEvent.MessagePosted posted) {
            received(new PendingPost(posted.post(), posted.channelKind(), clock.instant(), 0));
        } else if (event instanceof ChatEvent.ReactionAdded added) {
            Reaction reaction = added.reaction();
            queues.submit(reaction.channelId() != null ? reaction.channelId() : reaction.postId(),
                    () -> control.reactionAdded(reaction));
        } else if (event instanceof ChatEvent.Connected) {
            health.chatConnected(true);
            queues.submit(ChatControl.class, control::chatConnected);
        } else if (event instanceof ChatEvent.Disconnected) {
            health.chatConnected(false);
        } else if (event instanceof ChatEvent.EventsMissed) {
            LOG.log(System.Logger.Level.DEBUG, "Events were missed; the catch-up reads the posts back");
        } else if (event instanceof ChatEvent.MessageEdited
                || event instanceof ChatEvent.MessageDeleted
                || event instanceof ChatEvent.ReactionRemoved) {
            LOG.log(System.Logger.Level.TRACE, "Not acted on yet: {0}", event.getClass().getSimpleName());
        }
    }

    @Override
    public void startAt(ChannelId channel, ChannelCursor cursor) {
        cursors.startAt(channel, cursor);
    }

    @Override
    public void catchUpOwed(ChannelId channel) {
        cursors.catchUpOwed(channel);
    }

    @Override
    public void caughtUp(ChannelId channel) {
        cursors.caughtUp(channel);
    }

    /**
     * Registered with the cursors on the catch-up's lane (one post at a time, in delivery order), before any inbox
     * lane runs, so that the low-water mark knows every post older than those handled.
     */
    private void received(PendingPost pending) {
        ChatPost post = pending.post();
        if (pending.tracked() && !cursors.received(post)) {
            LOG.log(System.Logger.Level.DEBUG, "Post {0} is in the inbox already", post.id());
            return;
        }
        // The bridge's own posts need no lane: waiting behind a slow session creation in the main lane would hold
        // up the replies to the thread roots the bridge posts.
        if (post.authorId().equals(identity.self().id())) {
            finished(pending);
            return;
        }
        synchronized (rootsInFlight) {
            if (post.isReply()) {
                List<PendingPost> behindRoot = rootsInFlight.get(post.rootId());
                if (behindRoot != null) {
                    behindRoot.add(pending);
                    return;
                }
            } else {
                rootsInFlight.put(post.id(), new ArrayList<>());
            }
        }
        // Outside the lock: a queue may run the task on this very thread.
        submit(pending);
    }

    private void submit(PendingPost pending) {
        Lane lane = Lane.of(pending.post());
        queues.submit(lane, () -> accept(lane, pending));
    }

    /** Runs on the post's lane, as everything below does. */
    private void accept(Lane lane, PendingPost post) {
        Deque<PendingPost> waiting = waitingForRetry.get(lane);
        if (waiting != null) {
            waiting.addLast(post);
            return;
        }
        Deque<PendingPost> posts = new ArrayDeque<>();
        posts.add(post);
        handleInOrder(lane, posts);
    }

    private void handleInOrder(Lane lane, Deque<PendingPost> posts) {
        while (!posts.isEmpty()) {
            PendingPost next = posts.pollFirst();
            try {
                handlePosted(next);
            } catch (RuntimeException e) {
                Optional<Duration> delay = retryDelay(e, next.failures() + 1);
                if (delay.isPresent()) {
                    LOG.log(System.Logger.Level.WARNING, "Handling post {0} failed ({1}); trying again in {2}",
                            next.post().id(), e.getMessage(), delay.get());
                    posts.addFirst(next.failedOnceMore());
                    // Scheduled before it is registered: a retry that cannot be scheduled must not leave the
                    // lane's later posts queued behind it for good.
                    scheduler.schedule(delay.get(), () -> queues.submit(lane, () -> retry(lane)));
                    waitingForRetry.put(lane, posts);
                    return;
                }
                LOG.log(System.Logger.Level.ERROR, "Gave up on post " + next.post().id() + " after "
                        + (next.failures() + 1) + " attempts; it reached no session", e);
            }
            finished(next);
        }
        waitingForRetry.remove(lane);
    }

    private void retry(Lane lane) {
        Deque<PendingPost> waiting = waitingForRetry.get(lane);
        if (waiting != null) {
            handleInOrder(lane, waiting);
        }
    }

    /** Handled for good: the cursor may pass it, and the replies that waited for it as their root go on. */
    private void finished(PendingPost pending) {
        ChatPost post = pending.post();
        if (pending.tracked()) {
            cursors.handled(post);
        }
        if (post.isReply()) {
            return;
        }
        // The root stays in flight until its replies are on their lane, so that one arriving meanwhile goes after
        // them; they are submitted outside the lock because a queue may run them on this very thread.
        while (true) {
            List<PendingPost> replies;
            synchronized (rootsInFlight) {
                List<PendingPost> waiting = rootsInFlight.get(post.id());
                if (waiting == null || waiting.isEmpty()) {
                    rootsInFlight.remove(post.id());
                    return;
                }
                replies = List.copyOf(waiting);
                waiting.clear();
            }
            replies.forEach(this::submit);
        }
    }

    /**
     * Posts whose handling failed and waits for a retry, and the replies waiting for them as their root: at shutdown
     * they are reported, not silently lost (the cursor has not passed them, so they are caught up after a restart).
     */
    public List<PostId> postsWaitingForRetry() {
        List<PostId> waiting = new ArrayList<>();
        waitingForRetry.values().forEach(posts -> List.copyOf(posts).forEach(pending -> {
            waiting.add(pending.post().id());
            synchronized (rootsInFlight) {
                rootsInFlight.getOrDefault(pending.post().id(), List.of())
                        .forEach(reply -> waiting.add(reply.post().id()));
            }
        }));
        return waiting;
    }

    private static Optional<Duration> retryDelay(RuntimeException failure, int failures) {
        return failure instanceof BridgeException bridge && bridge.retryable()
                ? Backoff.UNTIL_CHAT_IS_BACK.delayAfter(failures) : Optional.empty();
    }

    private void handlePosted(PendingPost pending) {
        ChatPost post = pending.post();
        ChannelKind channelKind = pending.channelKind();
        ChatUser self = identity.self();
        // Screened first: a post that is ignored anyway must not wait for, or fail on, the author lookup.
        Optional<AccessDecision.Ignore> screened = access.screen(post, channelKind, self.id());
        if (screened.isPresent()) {
            logIgnored(post, screened.get());
            return;
        }
        ChatUser author = chat.user(post.authorId());
        AccessDecision decision = access.decide(post, channelKind, author, self.id());
        if (decision instanceof AccessDecision.Ignore ignore) {
            logIgnored(post, ignore);
            return;
        }
        Route route = router.route(post);
        if (route instanceof Route.RunCommand run) {
            commands.run(run.command(), post, author);
        } else if (route instanceof Route.StartSessionInProject start) {
            newSessions.handle(start.command(), post, author, pending.receivedAt());
        } else if (route instanceof Route.PromptInThread inThread) {
            if (!control.takeReply(post, author)) {
                dispatcher.send(inThread.mapping(), post, author, pending.receivedAt());
            }
        } else if (route instanceof Route.PromptInMainDm) {
            mainDm.handle(post, author, pending.receivedAt());
        } else if (route instanceof Route.ReplyInUnknownThread unknown) {
            chat.createPost(NewPost.inThread(unknown.thread(), texts.unknownThread()));
        } else if (route instanceof Route.ReplyInEndedThread ended) {
            chat.createPost(NewPost.inThread(post.thread(), texts.endedThread(ended.mapping())));
        }
    }

    private static void logIgnored(ChatPost post, AccessDecision.Ignore ignore) {
        LOG.log(System.Logger.Level.DEBUG, "Ignored post {0} by {1}: {2}", post.id(), post.authorId(),
                ignore.reason());
    }

    /** A post, when the bridge received it, and the number of times its handling failed so far. */
    private record PendingPost(ChatPost post, ChannelKind channelKind, Instant receivedAt, int failures) {
        PendingPost failedOnceMore() {
            return new PendingPost(post, channelKind, receivedAt, failures + 1);
        }

        /** Only direct channels are caught up after an outage, so only they have a cursor. */
        boolean tracked() {
            return channelKind == ChannelKind.DIRECT;
        }
    }

    /** Where a post waits its turn: the thread it replies in, or the main lane of its channel ({@code root} null). */
    private record Lane(ChannelId channel, PostId root) {
        static Lane of(ChatPost post) {
            return new Lane(post.channelId(), post.rootId());
        }
    }
}
