package dev.ocbridge.adapter.mattermost;

import com.squareup.moshi.JsonAdapter;
import dev.ocbridge.adapter.mattermost.ws.Frame;
import dev.ocbridge.adapter.mattermost.ws.FrameDecoder;
import dev.ocbridge.adapter.mattermost.ws.WebSocketConnection;
import dev.ocbridge.adapter.mattermost.ws.WsActionJson;
import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.domain.ChannelId;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.UnauthorizedException;
import dev.ocbridge.core.port.in.ChatEventHandler;
import dev.ocbridge.core.port.out.ChatEventsPort;
import dev.ocbridge.core.port.out.MetricsPort;
import org.glassfish.tyrus.client.ClientManager;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The live event stream of a Mattermost server, pushed into a {@link ChatEventHandler} from one delivery thread:
 * the websocket with its authentication challenge, {@code seq} tracking and ping, reconnected forever with backoff
 * (from a scheduler, never from inside a close callback) until stopped or until the server refuses the token. It
 * only decodes, reconnects and reports: a (re)connection, a drop with when the connection was last heard from, and
 * a gap in {@code seq} (lost events). Reading back what was missed is the core's catch-up, through the REST API.
 */
public final class MattermostEventsAdapter implements ChatEventsPort, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MattermostEventsAdapter.class.getName());
    private static final long AUTH_SEQ = 1;

    /** Where the stream stands. */
    public enum Status { NEW, CONNECTING, CONNECTED, RECONNECTING, FAILED, STOPPED }

    /** One websocket connection and what is known about it. */
    private static final class Link {
        final AtomicLong nextActionSeq = new AtomicLong(AUTH_SEQ);
        volatile WebSocketConnection connection;
        volatile boolean ready;
        volatile long lastHeardNanos = System.nanoTime();
        /** The same moment by the wall clock: until then the stream is known to have been up. */
        volatile Instant lastHeardAt;
        Long lastSeq;
        ScheduledFuture<?> handshakeTimeout;
        ScheduledFuture<?> pinger;
    }

    private final MattermostChatAdapter chat;
    private final ClientManager client;
    private final URI websocketUrl;
    private final String token;
    private final MattermostTimings timings;
    private final FrameDecoder decoder;
    private final JsonAdapter<WsActionJson> actions;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService delivery;
    private final Clock clock;
    private final MetricsPort metrics;
    private final Object lock = new Object();
    private volatile ChatEventHandler handler;
    private volatile Link current;
    private int failures;
    private boolean everConnected;
    private boolean started;
    private volatile boolean stopped;
    private volatile Status status = Status.NEW;
    private volatile BridgeException failure;

    MattermostEventsAdapter(MattermostChatAdapter chat, ClientManager client, URI websocketUrl, String token,
                            MattermostTimings timings, FrameDecoder decoder, JsonAdapter<WsActionJson> actions,
                            Backoff backoff, RandomGenerator random, Clock clock, MetricsPort metrics) {
        this.chat = chat;
        this.clock = clock;
        this.metrics = metrics;
        this.client = client;
        this.websocketUrl = websocketUrl;
        this.token = token;
        this.timings = timings;
        this.decoder = decoder;
        this.actions = actions;
        this.backoff = backoff;
        this.random = random;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mattermost-websocket"));
        this.delivery = Executors.newSingleThreadExecutor(DaemonThreads.named("mattermost-events"));
    }

    /** Connects in the background; events begin once the server has accepted the token. */
    @Override
    public void start(ChatEventHandler eventHandler) {
        synchronized (lock) {
            if (started || stopped) {
                return;
            }
            started = true;
            handler = eventHandler;
        }
        status = Status.CONNECTING;
        scheduler.execute(this::connect);
    }

    public Status status() {
        return status;
    }

    /** Connection attempts that failed since the last successful one. */
    public int consecutiveFailures() {
        synchronized (lock) {
            return failures;
        }
    }

    /** Why the stream stopped for good, if it did (e.g. the token was refused). */
    @Override
    public Optional<BridgeException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Tells the channel's members that the bot is typing in the thread (Mattermost shows it for a few seconds).
     * Nothing is sent while the stream is not connected: a typing notice is worth nothing later.
     */
    void userTyping(ChannelId channel, PostId root) {
        Link link = current;
        if (link == null || !link.ready || link.connection == null) {
            LOG.log(Level.DEBUG, "not connected; no typing notice for thread {0}", root);
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channel_id", channel.value());
        data.put("parent_id", root.value());
        try {
            link.connection.send(actions.toJson(new WsActionJson(link.nextActionSeq.getAndIncrement(), "user_typing",
                    data)));
        } catch (RuntimeException e) {
            // The connection closes under us; its close is handled elsewhere, and a lost typing notice is harmless.
            LOG.log(Level.DEBUG, "typing notice for thread {0} not sent: {1}", root, e.toString());
        }
    }

    /** Closes the connection and stops reconnecting; events already received are still delivered. */
    @Override
    public void stop() {
        Link link;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            link = current;
            current = null;
        }
        status = Status.STOPPED;
        if (link != null && link.connection != null) {
            cancelTimers(link);
            link.connection.close("bridge stopping");
        }
        scheduler.shutdownNow();
        delivery.shutdown();
        try {
            if (!delivery.awaitTermination(5, TimeUnit.SECONDS)) {
                delivery.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        try {
            chat.verifyAccount();
        } catch (UnauthorizedException e) {
            giveUp(e);
            return;
        } catch (BridgeException e) {
            retryLater("Mattermost is not reachable: " + e.getMessage());
            return;
        }
        Link link = new Link();
        synchronized (lock) {
            if (stopped) {
                return;
            }
            current = link;
        }
        try {
            link.connection = WebSocketConnection.open(client, websocketUrl, new LinkListener(link));
        } catch (IOException | RuntimeException e) {
            synchronized (lock) {
                if (current == link) {
                    current = null;
                }
            }
            retryLater("websocket connection failed: " + e.getMessage());
            return;
        }
        link.nextActionSeq.set(AUTH_SEQ + 1);
        link.connection.send(actions.toJson(new WsActionJson(AUTH_SEQ, "authentication_challenge",
                Map.of("token", token))));
        link.handshakeTimeout = schedule(timings.handshakeTimeout(), () -> {
            if (!link.ready) {
                link.connection.close("no answer to the authentication challenge within "
                        + timings.handshakeTimeout().toSeconds() + " s");
            }
        });
    }

    private void retryLater(String reason) {
        if (stopped) {
            return;
        }
        Duration delay;
        synchronized (lock) {
            delay = backoff.spreadDelayAfter(++failures, random.nextDouble()).orElseThrow();
        }
        status = Status.RECONNECTING;
        LOG.log(Level.WARNING, "Mattermost event stream down ({0}); reconnecting in {1} ms", reason, delay.toMillis());
        schedule(delay, this::connect);
    }

    private void giveUp(UnauthorizedException e) {
        failure = e;
        status = Status.FAILED;
        LOG.log(Level.ERROR, "Mattermost refused the bot token; the event stream stops. Check MATTERMOST_TOKEN: {0}",
                e.getMessage());
        deliver(() -> handOn(new ChatEvent.Disconnected("Mattermost refused the bot token", clock.instant())));
    }

    private final class LinkListener implements WebSocketConnection.Listener {
        private final Link link;

        LinkListener(Link link) {
            this.link = link;
        }

        @Override
        public void onText(WebSocketConnection connection, String text) {
            heard(link);
            Frame frame = decoder.decode(text);
            count(frame);
            if (frame instanceof Frame.Reply reply) {
                if (reply.seqReply() == AUTH_SEQ) {
                    if (reply.ok()) {
                        ready(link);
                    } else {
                        connection.close("authentication challenge refused: " + reply.errorId());
                    }
                } else if (!reply.ok()) {
                    LOG.log(Level.DEBUG, "websocket action {0} refused: {1} {2}", reply.seqReply(), reply.errorId(),
                            reply.errorMessage());
                }
            } else if (frame instanceof Frame.Hello hello) {
                track(link, hello.seq(), "hello");
                ready(link);
            } else if (frame instanceof Frame.Event event) {
                track(link, event.seq(), event.name());
                deliver(() -> handOn(event.event()));
            } else if (frame instanceof Frame.Skipped skipped) {
                track(link, skipped.seq(), skipped.name());
                LOG.log(Level.DEBUG, "ignored websocket event {0}: {1}", skipped.name(), skipped.why());
            } else if (frame instanceof Frame.Malformed malformed) {
                LOG.log(Level.WARNING, "ignored a malformed websocket frame: {0}", malformed.why());
            }
        }

        @Override
        public void onPong(WebSocketConnection connection) {
            heard(link);
        }

        @Override
        public void onClosed(WebSocketConnection connection, String reason) {
            synchronized (lock) {
                if (current != link) {
                    return;
                }
                current = null;
            }
            cancelTimers(link);
            if (link.ready) {
                Instant connectedUntil = link.lastHeardAt != null ? link.lastHeardAt : clock.instant();
                deliver(() -> handOn(new ChatEvent.Disconnected(reason, connectedUntil)));
            }
            retryLater(reason);
        }
    }

    /** Every event by its Mattermost name; replies to the bridge's own actions are no events. */
    private void count(Frame frame) {
        if (frame instanceof Frame.Hello) {
            metrics.eventReceived(MetricsPort.Server.CHAT, "hello");
        } else if (frame instanceof Frame.Event event) {
            metrics.eventReceived(MetricsPort.Server.CHAT, event.name());
        } else if (frame instanceof Frame.Skipped skipped) {
            metrics.eventReceived(MetricsPort.Server.CHAT, skipped.name());
        } else if (frame instanceof Frame.Malformed) {
            metrics.eventReceived(MetricsPort.Server.CHAT, "malformed");
        }
    }

    private void heard(Link link) {
        link.lastHeardNanos = System.nanoTime();
        link.lastHeardAt = clock.instant();
    }

    private void track(Link link, long seq, String name) {
        if (seq == Frame.NO_SEQ) {
            return;
        }
        boolean gap;
        synchronized (link) {
            gap = link.lastSeq != null && seq != link.lastSeq + 1;
            link.lastSeq = seq;
        }
        if (gap) {
            String why = "websocket events were lost before " + name + " (seq " + seq + ")";
            deliver(() -> handOn(new ChatEvent.EventsMissed(why)));
        }
    }

    private void ready(Link link) {
        boolean reconnected;
        synchronized (lock) {
            if (link.ready || current != link) {
                return;
            }
            link.ready = true;
            failures = 0;
            reconnected = everConnected;
            everConnected = true;
        }
        if (link.handshakeTimeout != null) {
            link.handshakeTimeout.cancel(false);
        }
        status = Status.CONNECTED;
        LOG.log(Level.INFO, "Mattermost event stream {0}", reconnected ? "reconnected" : "connected");
        if (reconnected) {
            metrics.streamReconnected(MetricsPort.Server.CHAT);
        }
        deliver(() -> {
            handOn(new ChatEvent.Connected(reconnected));
            chat.resendUnsentEdits();
        });
        link.pinger = scheduler.scheduleWithFixedDelay(() -> ping(link), timings.pingInterval().toMillis(),
                timings.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void ping(Link link) {
        if (current != link) {
            return;
        }
        if (chat.hasUnsentEdits()) {
            deliver(chat::resendUnsentEdits);
        }
        long sentAt = System.nanoTime();
        link.connection.send(actions.toJson(new WsActionJson(link.nextActionSeq.getAndIncrement(), "ping", null)));
        link.connection.ping();
        schedule(timings.pongTimeout(), () -> {
            if (current == link && link.lastHeardNanos - sentAt < 0) {
                link.connection.close("no answer to a ping within " + timings.pongTimeout().toMillis() + " ms");
            }
        });
    }

    /** A failing handler must not stop the delivery thread, nor the events after this one. */
    private void handOn(ChatEvent event) {
        try {
            handler.onChatEvent(event);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the chat event handler failed on " + event.getClass().getSimpleName(), e);
        }
    }

    private ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        try {
            return scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Queues work for the delivery thread, which keeps events in the order they came. */
    private void deliver(Runnable work) {
        try {
            delivery.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "event stream stopped; dropping late work");
        }
    }

    private static void cancelTimers(Link link) {
        if (link.handshakeTimeout != null) {
            link.handshakeTimeout.cancel(false);
        }
        if (link.pinger != null) {
            link.pinger.cancel(false);
        }
    }
}
