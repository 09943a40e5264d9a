package dev.ocbridge.adapter.opencode;

import dev.ocbridge.adapter.opencode.sse.EventStats;
import dev.ocbridge.adapter.opencode.sse.OpenCodeEventParser;
import dev.ocbridge.adapter.opencode.sse.ParsedEvent;
import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.in.SessionEventHandler;
import dev.ocbridge.core.port.out.MetricsPort;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's events ({@code GET /global/event} for every directory, or {@code GET /event} for the
 * configured one, see {@link EventScope}) as domain events, kept alive forever:
 * a dropped or silent stream (no heartbeat within the liveness deadline) is reconnected with capped
 * exponential backoff and jitter, and every connect is followed by a resynchronisation from REST before
 * {@link SessionEvent.StreamConnected} is reported. Events reach the handler on one thread, in order.
 */
public final class OpenCodeEventStream {

    /** The stream of every directory's events, relative to the server's base URL. */
    static final String ALL_EVENTS_PATH = "global/event";
    /** The stream of one directory's events (query {@code directory}). */
    static final String DIRECTORY_EVENTS_PATH = "event";

    private static final System.Logger LOG = System.getLogger(OpenCodeEventStream.class.getName());
    /** The server says {@code server.connected} at once; silence after connecting means a stuck connection. */
    private static final Duration FIRST_EVENT_DEADLINE = Duration.ofSeconds(10);
    /** A server the bridge cannot work without is tried again for as long as it takes. */
    static final Backoff RECONNECT = Backoff.untilItWorks(Duration.ofMillis(500), Duration.ofSeconds(30));
    /** Sessions that could not be resynchronised are tried again this many times less often at most. */
    private static final int LONGEST_RESYNCHRONISATION_FACTOR = 64;

    private final OkHttpClient client;
    private final HttpUrl url;
    private final OpenCodeEventParser parser;
    private final SessionResynchronizer resynchronizer;
    private final ServedDirectories directories;
    private final DoubleSupplier random;
    private final Backoff resynchronisationRetry;
    private final StreamMemory memory;
    private final SentPrompts sentPrompts;
    private final MetricsPort metrics;
    private final Object lock = new Object();
    private ScheduledExecutorService scheduler;
    private SessionEventHandler handler;
    private EventSource current;
    private StreamState state = StreamState.STOPPED;
    private boolean everConnected;
    private int failedAttempts;
    private int incompleteResynchronisations;

    OpenCodeEventStream(OkHttpClient client, HttpUrl baseUrl, EventScope scope, OpenCodeEventParser parser,
                        SessionResynchronizer resynchronizer, ServedDirectories directories, StreamMemory memory,
                        SentPrompts sentPrompts, DoubleSupplier random, Duration resynchronisationRetry,
                        MetricsPort metrics) {
        this.client = client;
        this.url = scope == EventScope.ALL_DIRECTORIES ? baseUrl.newBuilder().addPathSegments(ALL_EVENTS_PATH).build()
                : directoryEvents(baseUrl, directories);
        this.parser = parser;
        this.resynchronizer = resynchronizer;
        this.directories = directories;
        this.memory = memory;
        this.sentPrompts = sentPrompts;
        this.random = random;
        this.resynchronisationRetry = Backoff.untilItWorks(resynchronisationRetry,
                resynchronisationRetry.multipliedBy(LONGEST_RESYNCHRONISATION_FACTOR));
        this.metrics = metrics;
    }

    /** Without a configured directory the server streams the events of its own. */
    private static HttpUrl directoryEvents(HttpUrl baseUrl, ServedDirectories directories) {
        HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments(DIRECTORY_EVENTS_PATH);
        directories.configured().ifPresent(directory -> url.addQueryParameter("directory", directory));
        return url.build();
    }

    /** Connects in the background and keeps the stream up until {@link #stop()}. */
    public void start(SessionEventHandler eventHandler) {
        Objects.requireNonNull(eventHandler, "handler");
        synchronized (lock) {
            if (state != StreamState.STOPPED) {
                throw new IllegalStateException("the event stream is already started");
            }
            handler = eventHandler;
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "opencode-events-reconnect");
                thread.setDaemon(true);
                return thread;
            });
            state = StreamState.CONNECTING;
            scheduler.execute(this::connect);
        }
    }

    public void stop() {
        synchronized (lock) {
            if (state == StreamState.STOPPED) {
                return;
            }
            state = StreamState.STOPPED;
            if (current != null) {
                current.cancel();
                current = null;
            }
            scheduler.shutdownNow();
        }
    }

    public StreamState state() {
        synchronized (lock) {
            return state;
        }
    }

    public EventStats stats() {
        return parser.stats();
    }

    private void connect() {
        synchronized (lock) {
            if (state == StreamState.STOPPED) {
                return;
            }
            state = StreamState.CONNECTING;
            Request request = new Request.Builder().url(url).header("Accept", "text/event-stream").build();
            Listener listener = new Listener();
            EventSource source = EventSources.createFactory(client).newEventSource(request, listener);
            current = source;
            // A connection made just as a restarted server opens its port can stay unanswered for good.
            scheduler.schedule(() -> {
                if (!listener.heard) {
                    lost(source, "no answer within " + FIRST_EVENT_DEADLINE.toSeconds() + " s");
                    source.cancel();
                }
            }, FIRST_EVENT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private final class Listener extends EventSourceListener {

        private volatile boolean heard;

        @Override
        public void onEvent(EventSource source, String id, String type, String data) {
            heard = true;
            if (!isCurrent(source)) {
                return;
            }
            ParsedEvent parsed = parser.parse(data);
            metrics.eventReceived(MetricsPort.Server.AGENT, parsed.countedAs());
            directories.add(parsed.directory());
            if (parsed.isConnected()) {
                connected(source);
                return;
            }
            parsed.events().forEach(OpenCodeEventStream.this::deliver);
        }

        @Override
        public void onClosed(EventSource source) {
            lost(source, "the server ended the event stream");
        }

        @Override
        public void onFailure(EventSource source, Throwable failure, Response response) {
            String reason;
            if (response != null && !response.isSuccessful()) {
                reason = "HTTP " + response.code()
                        + (response.code() == 401 ? " (check OPENCODE_SERVER_PASSWORD)" : "");
            } else {
                reason = failure == null ? "the connection failed" : failure.toString();
            }
            lost(source, reason);
        }
    }

    private boolean isCurrent(EventSource source) {
        synchronized (lock) {
            return source == current && state != StreamState.STOPPED;
        }
    }

    /** Runs on the stream's reader thread, so live events queue up behind the resynchronisation. */
    private void connected(EventSource source) {
        boolean reconnected;
        synchronized (lock) {
            reconnected = everConnected;
        }
        Resynchronisation resynchronisation;
        try {
            resynchronisation = resynchronizer.resynchronise(memory);
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "resynchronisation after connecting failed; reconnecting: {0}",
                    e.getMessage());
            lost(source, "resynchronisation failed: " + e.getMessage());
            source.cancel();
            return;
        } catch (RuntimeException e) {
            // Data the server holds that we cannot read would fail every retry alike: go on without it.
            LOG.log(System.Logger.Level.ERROR, "resynchronisation read something it cannot use; going on without it", e);
            resynchronisation = new Resynchronisation(List.of(), Set.of());
        }
        synchronized (lock) {
            if (source != current || state == StreamState.STOPPED) {
                return;
            }
            state = StreamState.CONNECTED;
            everConnected = true;
            failedAttempts = 0;
        }
        List<SessionEvent> missed = resynchronisation.missed();
        if (!missed.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "resynchronised {0} missed event(s) from OpenCode", missed.size());
        }
        missed.forEach(this::deliver);
        LOG.log(System.Logger.Level.INFO, "OpenCode event stream {0}", reconnected ? "reconnected" : "connected");
        if (reconnected) {
            metrics.streamReconnected(MetricsPort.Server.AGENT);
        }
        deliver(new SessionEvent.StreamConnected(reconnected));
        resynchroniseAgainIfIncomplete(source, resynchronisation);
    }

    /**
     * Sessions whose history could not be read are tried again by reconnecting later, which resynchronises
     * everything without a second delivery path; the wait grows while they keep failing.
     */
    private void resynchroniseAgainIfIncomplete(EventSource source, Resynchronisation resynchronisation) {
        synchronized (lock) {
            if (resynchronisation.complete()) {
                incompleteResynchronisations = 0;
                return;
            }
            incompleteResynchronisations++;
            Duration delay = resynchronisationRetry.delayAfter(incompleteResynchronisations).orElseThrow();
            LOG.log(System.Logger.Level.WARNING, "{0} session(s) could not be resynchronised; trying again in {1} s",
                    resynchronisation.unrecovered().size(), delay.toSeconds());
            scheduler.schedule(() -> {
                lost(source, "resynchronising " + resynchronisation.unrecovered().size() + " session(s) again");
                source.cancel();
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void lost(EventSource source, String reason) {
        boolean wasConnected;
        Duration delay;
        synchronized (lock) {
            if (source != current || state == StreamState.STOPPED) {
                return;
            }
            current = null;
            wasConnected = state == StreamState.CONNECTED;
            state = StreamState.WAITING_TO_RECONNECT;
            failedAttempts++;
            delay = RECONNECT.spreadDelayAfter(failedAttempts, random.getAsDouble()).orElseThrow();
            scheduler.schedule(OpenCodeEventStream.this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (wasConnected) {
            LOG.log(System.Logger.Level.WARNING, "OpenCode event stream lost ({0}); reconnecting", reason);
            deliver(new SessionEvent.StreamDisconnected(reason));
        } else {
            LOG.log(System.Logger.Level.DEBUG, "OpenCode event stream attempt failed ({0}); next in {1} ms",
                    reason, delay.toMillis());
        }
    }

    private void deliver(SessionEvent event) {
        if (memory.isRepeated(event)) {
            LOG.log(System.Logger.Level.DEBUG, "dropped a repeat of {0} the resynchronisation already reported",
                    event.getClass().getSimpleName());
            return;
        }
        memory.record(event);
        hand(event);
        sentPrompts.after(event).forEach(this::hand);
    }

    private void hand(SessionEvent event) {
        try {
            handler.onSessionEvent(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the session event handler failed on "
                    + event.getClass().getSimpleName() + "; the stream goes on", e);
        }
    }
}
