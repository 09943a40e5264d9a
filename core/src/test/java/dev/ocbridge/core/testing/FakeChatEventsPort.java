package dev.ocbridge.core.testing;

import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.in.ChatEventHandler;
import dev.ocbridge.core.port.out.ChatEventsPort;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The live connection of a {@link FakeChatPort}: every post stored there while connected is announced, from one
 * delivery thread, as a real adapter would. The connection can be dropped, kept down, and made to lose an event;
 * the next event after a lost one comes with a gap report, as a sequence number would show it.
 */
public final class FakeChatEventsPort implements ChatEventsPort {
    private final FakeChatPort chat;
    private final Clock clock;
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-chat-events");
        thread.setDaemon(true);
        return thread;
    });
    private ChatEventHandler handler;
    private boolean started;
    private boolean stopped;
    private boolean connected;
    private boolean everConnected;
    private boolean down;
    private boolean loseNext;
    private boolean gap;
    private Instant lastHeard;

    public FakeChatEventsPort(FakeChatPort chat, Clock clock) {
        this.chat = chat;
        this.clock = clock;
    }

    @Override
    public synchronized void start(ChatEventHandler eventHandler) {
        if (started) {
            throw new IllegalStateException("started already");
        }
        started = true;
        handler = eventHandler;
        chat.announceNewPostsTo(this::stored);
        connectUnlessDown();
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        connected = false;
        delivery.shutdown();
        try {
            delivery.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Optional<BridgeException> failure() {
        return Optional.empty();
    }

    /** The connection drops and cannot come back until {@link #comeBack()}; the chat's API still answers. */
    public synchronized void goDown() {
        down = true;
        disconnect("the chat server went away");
    }

    public synchronized void comeBack() {
        down = false;
        connectUnlessDown();
    }

    /** The connection drops and is made again at once. */
    public synchronized void dropConnection() {
        disconnect("connection dropped");
        connectUnlessDown();
    }

    /** The next post is not announced, and the one after it comes with a gap report. */
    public synchronized void loseNextEvent() {
        loseNext = true;
    }

    private synchronized void stored(ChatPost post) {
        if (!connected) {
            return;
        }
        if (loseNext) {
            loseNext = false;
            gap = true;
            return;
        }
        if (gap) {
            gap = false;
            send(new ChatEvent.EventsMissed("an event was lost before post " + post.id()));
        }
        send(new ChatEvent.MessagePosted(post, chat.channel(post.channelId()).kind()));
    }

    private void connectUnlessDown() {
        if (!started || stopped || down || connected) {
            return;
        }
        connected = true;
        send(new ChatEvent.Connected(everConnected));
        everConnected = true;
    }

    private void disconnect(String reason) {
        if (!connected) {
            return;
        }
        connected = false;
        send(new ChatEvent.Disconnected(reason, lastHeard));
    }

    private void send(ChatEvent event) {
        lastHeard = clock.instant();
        ChatEventHandler target = handler;
        delivery.execute(() -> target.onChatEvent(event));
    }
}
