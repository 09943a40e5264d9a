package dev.ocbridge.adapter.opencode;

import dev.ocbridge.adapter.opencode.rest.HealthWire;
import dev.ocbridge.adapter.opencode.rest.OpenCodeApi;
import dev.ocbridge.adapter.opencode.rest.OpenCodeHttp;
import dev.ocbridge.adapter.opencode.rest.ProvidersWire;
import dev.ocbridge.adapter.opencode.rest.RemoteCall;
import dev.ocbridge.adapter.opencode.sse.OpenCodeEventParser;
import dev.ocbridge.core.domain.ModelRef;
import dev.ocbridge.core.error.UnavailableException;
import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.port.out.SessionPort;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the bridge needs from one {@code opencode serve}, wired: the {@link SessionPort} and the
 * {@link OpenCodeEventStream}. One per server; {@link #close()} stops the stream and frees the HTTP client.
 *
 * <pre>{@code
 * OpenCodeConnection opencode = new OpenCodeConnection(new OpenCodeSettings(url, password, directory), metrics);
 * SessionPort sessions = opencode.sessionPort();
 * opencode.eventStream().start(handler);
 * ...
 * opencode.close();
 * }</pre>
 */
public final class OpenCodeConnection implements AutoCloseable {

    /** A session's history that could not be read after a reconnect is tried again this soon, then less often. */
    private static final Duration FIRST_RESYNCHRONISATION_RETRY = Duration.ofSeconds(5);

    private final OpenCodeHttp http;
    private final OpenCodeApi api;
    private final OpenCodeSessionAdapter sessions;
    private final OpenCodeEventStream events;
    private final String directory;

    /** {@code metrics} hears of every REST request, every reconnect of the event stream and every event. */
    public OpenCodeConnection(OpenCodeSettings settings, MetricsPort metrics) {
        this.http = new OpenCodeHttp(settings.server(), metrics);
        this.api = http.api();
        this.directory = settings.directory();
        ServedDirectories directories = new ServedDirectories(settings.directory(),
                () -> OpenCodeSessionAdapter.askServerDirectory(api));
        StreamMemory memory = new StreamMemory();
        SentPrompts sentPrompts = new SentPrompts(Clock.systemUTC());
        this.sessions = new OpenCodeSessionAdapter(api, directories, memory, sentPrompts);
        this.events = new OpenCodeEventStream(http.streamClient(settings.livenessDeadline()), http.baseUrl(),
                settings.eventScope(), new OpenCodeEventParser(http.moshi()), new SessionResynchronizer(sessions),
                directories, memory, sentPrompts, Math::random, FIRST_RESYNCHRONISATION_RETRY, metrics);
    }

    public SessionPort sessionPort() {
        return sessions;
    }

    public OpenCodeEventStream eventStream() {
        return events;
    }

    /** The server's version from {@code GET /global/health}; throws a BridgeException when it is unwell. */
    public String serverVersion() {
        HealthWire health = RemoteCall.execute(api.health(), "checking its health");
        if (health == null || !Boolean.TRUE.equals(health.healthy())) {
            throw new UnavailableException("OpenCode reports itself unhealthy");
        }
        return health.version() == null ? "" : health.version();
    }

    /** The model each configured provider uses when none is chosen, for the project directory. */
    public List<ModelRef> defaultModels() {
        ProvidersWire providers = RemoteCall.execute(api.providers(directory), "listing providers");
        Map<String, String> defaults = providers == null || providers.defaultModels() == null
                ? Map.of() : providers.defaultModels();
        return defaults.entrySet().stream()
                .filter(entry -> entry.getKey() != null && entry.getValue() != null)
                .map(entry -> new ModelRef(entry.getKey(), entry.getValue()))
                .toList();
    }

    @Override
    public void close() {
        events.stop();
        http.close();
    }
}
