package dev.ocbridge.core.inbox;

import dev.ocbridge.core.access.AccessDecision;
import dev.ocbridge.core.access.AccessPolicy;
import dev.ocbridge.core.commands.CommandService;
import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.health.BridgeHealth;
import dev.ocbridge.core.port.in.ChatEventHandler;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.SchedulerPort;
import dev.ocbridge.core.texts.BridgeTexts;
import dev.ocbridge.core.threads.BotIdentity;
import dev.ocbridge.core.work.SerialQueues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what people post into prompts and commands. Posts of one channel are handled in order on that
 * channel's queue, so the adapter's thread never waits for the agent server.
 *
 * <p>A post whose handling fails in a way that may pass (the chat server briefly unavailable) is tried
 * again later with backoff, and the channel's later posts wait behind it so that their order holds. That
 * is safe because the handling throws only while nothing has reached the agent (see
 * {@link PromptDispatcher#send}): a prompt is never sent twice.
 */
public final class ChatInboxService implements ChatEventHandler {
    private static final System.Logger LOG = System.getLogger(ChatInboxService.class.getName());

    private final ChatPort chat;
    private final BotIdentity identity;
    private final AccessPolicy access;
    private final MessageRouter router;
    private final CommandService commands;
    private final PromptDispatcher dispatcher;
    private final MainDmPrompts mainDm;
    private final BridgeHealth health;
    private final BridgeTexts texts;
    private final SerialQueues queues;
    private final SchedulerPort scheduler;
    private final Clock clock;
    /** Per channel, the post waiting for its retry first and the posts that came after it; queue-owned. */
    private final Map<ChannelId, Deque<PendingPost>> waitingForRetry = new ConcurrentHashMap<>();

    public ChatInboxService(ChatPort chat, BotIdentity identity, AccessPolicy access, MessageRouter router,
                            CommandService commands, PromptDispatcher dispatcher, MainDmPrompts mainDm,
                            BridgeHealth health, BridgeTexts texts, SerialQueues queues, SchedulerPort scheduler,
                            Clock clock) {
        this.chat = chat;
        this.identity = identity;
        this.access = access;
        this.router = router;
        this.commands = commands;
        this.dispatcher = dispatcher;
        this.mainDm = mainDm;
        this.health = health;
        this.texts = texts;
        this.queues = queues;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void onChatEvent(ChatEvent event) {
        if (event instanceof ChatEvent.MessagePosted posted) {
            PendingPost pending = new PendingPost(posted.post(), posted.channelKind(), clock.instant(), 0);
            queues.submit(posted.post().channelId(), () -> accept(pending));
        } else if (event instanceof ChatEvent.Connected) {
            health.chatConnected(true);
        } else if (event instanceof ChatEvent.Disconnected) {
            health.chatConnected(false);
        } else if (event instanceof ChatEvent.MessageEdited
                || event instanceof ChatEvent.MessageDeleted
                || event instanceof ChatEvent.ReactionAdded
                || event instanceof ChatEvent.ReactionRemoved) {
            LOG.log(System.Logger.Level.TRACE, "Not acted on yet: {0}", event.getClass().getSimpleName());
        }
    }

    /** Runs on the channel's queue, as everything below does. */
    private void accept(PendingPost post) {
        ChannelId channel = post.post().channelId();
        Deque<PendingPost> waiting = waitingForRetry.get(channel);
        if (waiting != null) {
            waiting.addLast(post);
            return;
        }
        Deque<PendingPost> posts = new ArrayDeque<>();
        posts.add(post);
        handleInOrder(channel, posts);
    }

    private void handleInOrder(ChannelId channel, Deque<PendingPost> posts) {
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
                    // channel's later posts queued behind it for good.
                    scheduler.schedule(delay.get(), () -> queues.submit(channel, () -> retry(channel)));
                    waitingForRetry.put(channel, posts);
                    return;
                }
                LOG.log(System.Logger.Level.ERROR, "Gave up on post " + next.post().id() + " after "
                        + (next.failures() + 1) + " attempts; it reached no session", e);
            }
        }
        waitingForRetry.remove(channel);
    }

    private void retry(ChannelId channel) {
        Deque<PendingPost> waiting = waitingForRetry.get(channel);
        if (waiting != null) {
            handleInOrder(channel, waiting);
        }
    }

    /** Posts whose handling failed and waits for a retry: at shutdown they are reported, not silently lost. */
    public List<PostId> postsWaitingForRetry() {
        return waitingForRetry.values().stream()
                .flatMap(posts -> List.copyOf(posts).stream())
                .map(pending -> pending.post().id())
                .toList();
    }

    private static Optional<Duration> retryDelay(RuntimeException failure, int failures) {
        return failure instanceof BridgeException bridge && bridge.retryable()
                ? Backoff.CHAT_OUTAGE.delayAfter(failures) : Optional.empty();
    }

    private void handlePosted(PendingPost pending) {
        ChatPost post = pending.post();
        ChannelKind channelKind = pending.channelKind();
        ChatUser self = identity.self();
        if (post.authorId().equals(self.id())) {
            return;
        }
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
        } else if (route instanceof Route.PromptInThread inThread) {
            dispatcher.send(inThread.mapping(), post, author, pending.receivedAt());
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
    }
}
