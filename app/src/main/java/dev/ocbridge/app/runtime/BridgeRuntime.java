package dev.ocbridge.app.runtime;

import dev.ocbridge.adapter.mattermost.MattermostConnection;
import dev.ocbridge.adapter.opencode.OpenCodeConnection;
import dev.ocbridge.adapter.opencode.process.OpenCodeServerSupervisor;
import dev.ocbridge.adapter.persistence.JsonFileMappingStore;
import dev.ocbridge.core.access.AccessPolicy;
import dev.ocbridge.core.agent.AgentOutputService;
import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.UnavailableException;
import dev.ocbridge.core.inbox.ChatCatchUp;
import dev.ocbridge.core.inbox.ChatInboxService;
import dev.ocbridge.core.port.out.ChatEventsPort;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.threads.BotIdentity;

import javax.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the bridge's parts in order, and stops the bridge when the chat connection fails for
 * good (a refused token): retrying that forever would only hide the problem.
 */
public final class BridgeRuntime {
    private static final System.Logger LOG = System.getLogger(BridgeRuntime.class.getName());
    private static final long WATCH_PERIOD_SECONDS = 2;

    private final JsonFileMappingStore store;
    private final MattermostConnection mattermost;
    private final ChatEventsPort chatEvents;
    private final ChatCatchUp catchUp;
    private final OpenCodeConnection openCode;
    private final Optional<OpenCodeServerSupervisor> openCodeServer;
    private final AgentOutputService agentOutput;
    private final ChatInboxService inbox;
    private final BotIdentity identity;
    private final AccessPolicy access;
    private final ChatPort chat;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean failed;
    private boolean stopping;

    @Inject
    BridgeRuntime(JsonFileMappingStore store, MattermostConnection mattermost, ChatEventsPort chatEvents,
                  ChatCatchUp catchUp, OpenCodeConnection openCode, Optional<OpenCodeServerSupervisor> openCodeServer,
                  AgentOutputService agentOutput, ChatInboxService inbox, BotIdentity identity, AccessPolicy access,
                  ChatPort chat, ExecutorService workers, ScheduledExecutorService timers) {
        this.store = store;
        this.mattermost = mattermost;
        this.chatEvents = chatEvents;
        this.catchUp = catchUp;
        this.openCode = openCode;
        this.openCodeServer = openCodeServer;
        this.agentOutput = agentOutput;
        this.inbox = inbox;
        this.identity = identity;
        this.access = access;
        this.chat = chat;
        this.workers = workers;
        this.timers = timers;
    }

    /** Throws a {@link BridgeException} when the bridge cannot run at all (bad token, state file taken). */
    public void start() {
        if (access.audience() == AccessPolicy.Audience.ANYONE) {
            LOG.log(System.Logger.Level.WARNING, "Anyone who can message the bot drives the agent, and with it a "
                    + "shell on this machine (OPENCODE_MM_ALLOW_ANYONE=true)");
        }
        ChatUser self = awaitChatServer();
        LOG.log(System.Logger.Level.INFO, "Signed in to Mattermost as @{0}", self.username());
        identity.ownerDm().ifPresent(dm -> {
            catchUp.serve(dm);
            store.recoveryNotice().ifPresent(notice -> postRecoveryNotice(dm, notice));
        });
        store.recoveryNotice().ifPresent(notice -> LOG.log(System.Logger.Level.WARNING, notice));
        openCodeServer.ifPresent(server -> LOG.log(System.Logger.Level.INFO, "Started opencode serve at {0}",
                server.start()));
        logOpenCodeVersion();
        openCode.eventStream().start(agentOutput);
        catchUp.start(chatEvents);
        timers.scheduleWithFixedDelay(this::stopIfChatFailed, WATCH_PERIOD_SECONDS, WATCH_PERIOD_SECONDS,
                TimeUnit.SECONDS);
        LOG.log(System.Logger.Level.INFO, "Bridge running; state file {0}", store.path());
    }

    /** Blocks until the bridge stops; false when it stopped because of a failure. */
    public boolean awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !failed;
    }

    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        LOG.log(System.Logger.Level.INFO, "Stopping the bridge");
        catchUp.stop();
        openCode.close();
        openCodeServer.ifPresent(server -> {
            server.stop();
            agentOutput.runsStoppedWithTheServer();
        });
        agentOutput.flushPendingAnswers();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Some work was still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        List<PostId> unhandled = inbox.postsWaitingForRetry();
        if (!unhandled.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Stopped before these posts could be handled (the chat server "
                    + "was unavailable); they reached no session: {0}", unhandled);
        }
        mattermost.close();
        store.close();
        LOG.log(System.Logger.Level.INFO, "Bridge stopped");
        stopped.countDown();
    }

    /** The notice is news, not a condition to run: a chat server that refuses it must not stop the start. */
    private void postRecoveryNotice(ChannelId dm, String notice) {
        try {
            chat.createPost(NewPost.inChannel(dm, ":warning: " + notice));
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not post the recovery notice of the state file in {0}: {1}", dm,
                    e.getMessage());
        }
    }

    /** A chat server that is down at start is waited for, with the bridge's one backoff; a refused token is not. */
    private ChatUser awaitChatServer() {
        for (int failures = 1; ; failures++) {
            try {
                return identity.self();
            } catch (BridgeException e) {
                if (!e.retryable()) {
                    throw e;
                }
                Duration wait = Backoff.UNTIL_CHAT_IS_BACK.delayAfter(failures).orElseThrow();
                LOG.log(System.Logger.Level.WARNING, "Mattermost is not reachable ({0}); trying again in {1}s",
                        e.getMessage(), wait.toSeconds());
                awaitUnlessStopped(wait);
            }
        }
    }

    private void awaitUnlessStopped(Duration wait) {
        try {
            if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new UnavailableException("stopped while waiting for Mattermost");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for Mattermost");
        }
    }

    private void logOpenCodeVersion() {
        try {
            LOG.log(System.Logger.Level.INFO, "OpenCode server {0} is up", openCode.serverVersion());
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "OpenCode is not answering yet ({0}); the bridge keeps trying",
                    e.getMessage());
        }
    }

    private void stopIfChatFailed() {
        Optional<BridgeException> failure = chatEvents.failure();
        if (failure.isEmpty()) {
            return;
        }
        failed = true;
        LOG.log(System.Logger.Level.ERROR, "The chat connection failed for good: {0}", failure.get().getMessage());
        workers.execute(this::stop);
    }
}
