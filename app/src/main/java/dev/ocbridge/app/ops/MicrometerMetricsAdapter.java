package dev.ocbridge.app.ops;

import dev.ocbridge.core.port.out.MetricsPort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MetricsPort} on a Micrometer registry. Every counter with a fixed set of labels exists from the start
 * (at zero), so that a rate can be taken before the first event; event types are counted as they come, at most
 * {@link #MOST_EVENT_TYPES} of them per server, so a server inventing names cannot blow up the registry.
 */
public final class MicrometerMetricsAdapter implements MetricsPort {
    static final int MOST_EVENT_TYPES = 200;
    static final String OTHER_EVENT_TYPE = "other";

    /** Latency buckets, from a fast local server to a slow model queue. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final Counter promptsForwarded;
    private final Counter answersCompleted;
    private final Counter postsCreated;
    private final Counter postsEdited;
    private final Timer routeLatency;
    private final Timer firstTokenLatency;
    private final Map<Server, Map<RequestOutcome, Counter>> requests = new EnumMap<>(Server.class);
    private final Map<Server, Counter> reconnects = new EnumMap<>(Server.class);
    private final Map<Server, Set<String>> eventTypes = new EnumMap<>(Server.class);

    public MicrometerMetricsAdapter(MeterRegistry registry) {
        this.registry = registry;
        promptsForwarded = Counter.builder("ocbridge.prompts.forwarded")
                .description("Posts sent to a session as prompts and accepted by OpenCode").register(registry);
        answersCompleted = Counter.builder("ocbridge.answers.completed")
                .description("Runs that produced answer text and finished").register(registry);
        // One family with an action label: Prometheus reserves the suffix "_created".
        postsCreated = Counter.builder("ocbridge.posts").tag("action", "created")
                .description("Posts the bridge created in Mattermost, and edits of them it sent").register(registry);
        postsEdited = Counter.builder("ocbridge.posts").tag("action", "edited")
                .description("Posts the bridge created in Mattermost, and edits of them it sent").register(registry);
        routeLatency = Timer.builder("ocbridge.route.latency")
                .description("From receiving a post to OpenCode accepting it as a prompt")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        firstTokenLatency = Timer.builder("ocbridge.first.token.latency")
                .description("From the first text of an answer arriving from OpenCode to it being visible in chat")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        for (Server server : Server.values()) {
            Map<RequestOutcome, Counter> byOutcome = new EnumMap<>(RequestOutcome.class);
            for (RequestOutcome outcome : RequestOutcome.values()) {
                byOutcome.put(outcome, Counter.builder("ocbridge.requests")
                        .description("REST requests to the server, retries included, by how they ended")
                        .tag("server", name(server)).tag("outcome", name(outcome)).register(registry));
            }
            requests.put(server, byOutcome);
            reconnects.put(server, Counter.builder("ocbridge.stream.reconnects")
                    .description("Times the server's live event stream came back after being down")
                    .tag("server", name(server)).register(registry));
            eventTypes.put(server, ConcurrentHashMap.newKeySet());
        }
    }

    /** How the servers are named in labels; the core calls them by their role. */
    static String name(Server server) {
        return server == Server.CHAT ? "mattermost" : "opencode";
    }

    static String name(RequestOutcome outcome) {
        switch (outcome) {
            case OK:
                return "ok";
            case REFUSED:
                return "4xx";
            case RATE_LIMITED:
                return "429";
            case SERVER_ERROR:
                return "5xx";
            default:
                return "network";
        }
    }

    @Override
    public void promptForwarded(Duration sinceReceived) {
        promptsForwarded.increment();
        routeLatency.record(sinceReceived);
    }

    @Override
    public void answerCompleted() {
        answersCompleted.increment();
    }

    @Override
    public void firstTextShown(Duration sinceArrived) {
        firstTokenLatency.record(sinceArrived);
    }

    @Override
    public void postCreated() {
        postsCreated.increment();
    }

    @Override
    public void postEdited() {
        postsEdited.increment();
    }

    @Override
    public void requestCompleted(Server server, RequestOutcome outcome) {
        requests.get(server).get(outcome).increment();
    }

    @Override
    public void streamReconnected(Server server) {
        reconnects.get(server).increment();
    }

    @Override
    public void eventReceived(Server server, String type) {
        Set<String> seen = eventTypes.get(server);
        String counted = seen.contains(type) || seen.size() < MOST_EVENT_TYPES && seen.add(type)
                ? type : OTHER_EVENT_TYPE;
        registry.counter("ocbridge.events", "server", name(server), "type", counted).increment();
    }
}
