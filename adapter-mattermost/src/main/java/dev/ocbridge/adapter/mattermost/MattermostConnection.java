package dev.ocbridge.adapter.mattermost;

import com.squareup.moshi.Moshi;
import dev.ocbridge.adapter.mattermost.rest.CountingInterceptor;
import dev.ocbridge.adapter.mattermost.rest.MattermostApi;
import dev.ocbridge.adapter.mattermost.rest.RestCaller;
import dev.ocbridge.adapter.mattermost.rest.Retry;
import dev.ocbridge.adapter.mattermost.rest.RetryTimings;
import dev.ocbridge.adapter.mattermost.ws.FrameDecoder;
import dev.ocbridge.adapter.mattermost.ws.WsActionJson;
import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MetricsPort;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The entry point for wiring: everything the bridge needs from one Mattermost server, built from
 * {@link MattermostSettings} without the caller knowing Retrofit, OkHttp or Tyrus.
 * <pre>
 * MattermostConnection mattermost = MattermostConnection.open(settings, metrics);
 * ChatPort chat = mattermost.chat();
 * ChatEventsPort events = mattermost.events();
 * events.start(handler);  ...  mattermost.close();
 * </pre>
 */
public final class MattermostConnection implements AutoCloseable {
    private static final String JDK_CONTAINER = "org.glassfish.tyrus.container.jdk.client.JdkClientContainer";
    /** Tyrus logs every text frame it sends at FINEST, the authentication challenge with the token included. */
    private static final String TYRUS_FRAME_LOGGER = "org.glassfish.tyrus.core.TyrusRemoteEndpoint";
    /**
     * Requests to Mattermost in flight at once, and connections kept open for them. Every thread's streaming and
     * every post's handling may call at the same moment; OkHttp's defaults (5 per host, 5 idle connections) would
     * queue them behind each other. The server's rate limit, not this, is what bounds a bridge under load.
     */
    static final int CONCURRENT_REQUESTS = 64;

    private final MattermostSettings settings;
    private final MattermostTimings timings;
    private final MetricsPort metrics;
    private final Moshi moshi = new Moshi.Builder().build();
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService retryTimer;
    private final OkHttpClient http;
    private final MattermostChatAdapter chat;
    private final MattermostApi api;
    private final RestCaller rest;
    private final ClientManager websockets;
    /** Held so that the level set on it stays (java.util.logging keeps loggers only weakly). */
    private final java.util.logging.Logger frameLogger = quietFrameLogger();
    private MattermostEventsAdapter events;

    private MattermostConnection(MattermostSettings settings, MattermostTimings timings, MetricsPort metrics) {
        this.settings = settings;
        this.timings = timings;
        this.metrics = metrics;
        String authorization = "Bearer " + settings.token();
        this.dispatcher = new Dispatcher(Executors.newCachedThreadPool(DaemonThreads.named("mattermost-http")));
        dispatcher.setMaxRequests(CONCURRENT_REQUESTS);
        dispatcher.setMaxRequestsPerHost(CONCURRENT_REQUESTS);
        this.retryTimer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mattermost-retry"));
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(CONCURRENT_REQUESTS, 5, TimeUnit.MINUTES))
                .connectTimeout(timings.connectTimeout())
                .readTimeout(timings.readTimeout())
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("Authorization", authorization)
                        .header("X-Requested-With", "XMLHttpRequest")
                        .build()))
                .addInterceptor(new CountingInterceptor(metrics))
                .build();
        this.api = new Retrofit.Builder()
                .baseUrl(settings.apiUrl().toString())
                .client(http)
                .addConverterFactory(MoshiConverterFactory.create(moshi))
                .build()
                .create(MattermostApi.class);
        this.rest = new RestCaller(moshi, new RetryTimings(timings.retryInitial(), timings.retryMax(),
                timings.retryAttempts(), timings.rateLimitPatience()), retryTimer);
        this.chat = new MattermostChatAdapter(api, rest, settings.siteUrl(), metrics,
                new UserCache(UserCache.DEFAULT_EXPIRY, UserCache.DEFAULT_CAPACITY, Clock.systemUTC()));
        this.websockets = ClientManager.createClient(JDK_CONTAINER);
        this.websockets.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, timings.handshakeTimeout().toMillis());
    }

    private static java.util.logging.Logger quietFrameLogger() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(TYRUS_FRAME_LOGGER);
        logger.setLevel(java.util.logging.Level.INFO);
        return logger;
    }

    /** {@code metrics} hears of every request, every reconnect of the event stream and every event received. */
    public static MattermostConnection open(MattermostSettings settings, MetricsPort metrics) {
        return open(settings, MattermostTimings.defaults(), metrics);
    }

    public static MattermostConnection open(MattermostSettings settings, MattermostTimings timings,
                                            MetricsPort metrics) {
        return new MattermostConnection(settings, timings, metrics);
    }

    public ChatPort chat() {
        return chat;
    }

    /**
     * Whether the server answers at all, without the token: its version from the {@code X-Version-Id} header
     * of {@code GET /system/ping}, empty when it does not say. Throws a BridgeException when unreachable.
     */
    public Optional<String> serverVersion() {
        String version = rest.success("ping the server", Retry.IDEMPOTENT, api.ping()).headers().get("X-Version-Id");
        return Optional.ofNullable(version).filter(id -> !id.isBlank());
    }

    /**
     * Opens a websocket, authenticates with the token and closes it again: the server's version from its
     * hello. Throws an UnauthorizedException when the token is refused, another BridgeException when the
     * websocket cannot be used.
     */
    public String checkEventStream(Duration timeout) {
        return new EventStreamProbe(websockets, settings.effectiveWebsocketUrl(), settings.token(),
                new FrameDecoder(moshi), moshi.adapter(WsActionJson.class)).authenticate(timeout);
    }

    /** The event stream (one per connection), not started yet. */
    public synchronized MattermostEventsAdapter events() {
        if (events != null) {
            throw new IllegalStateException("the Mattermost event stream was created already");
        }
        events = new MattermostEventsAdapter(chat, websockets, settings.effectiveWebsocketUrl(),
                settings.token(), timings, new FrameDecoder(moshi), moshi.adapter(WsActionJson.class),
                Backoff.untilItWorks(timings.reconnectInitial(), timings.reconnectMax()), new SecureRandom(),
                Clock.systemUTC(), metrics);
        chat.actThrough(events);
        return events;
    }

    /** Requests waiting out a rate limit or a backoff right now, each holding neither a thread nor a connection. */
    int requestsWaitingToRetry() {
        return rest.callsWaitingToRetry();
    }

    @Override
    public synchronized void close() {
        if (events != null) {
            events.stop();
        }
        websockets.shutdown();
        rest.close();
        retryTimer.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
