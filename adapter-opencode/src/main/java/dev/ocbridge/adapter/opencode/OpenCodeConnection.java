package dev.ocbridge.adapter.opencode;

import dev.ocbridge.adapter.opencode.rest.HealthWire;
import dev.ocbridge.adapter.opencode.rest.OpenCodeApi;
import dev.ocbridge.adapter.opencode.rest.OpenCodeHttp;
import dev.ocbridge.adapter.opencode.rest.RemoteCall;
import dev.ocbridge.adapter.opencode.sse.OpenCodeEventParser;
import dev.ocbridge.core.error.UnavailableException;
import dev.ocbridge.core.port.out.SessionPort;

import java.time.Clock;
import java.time.Duration;

/**
 * Everything the bridge needs from one {@code opencode serve}, wired: the {@link SessionPort} and the
 * {@link OpenCodeEventStream}. One per server; {@link #close()} stops the stream and frees the HTTP client.
 *
 * <pre>{@code
 * OpenCodeConnection opencode = new OpenCodeConnection(new OpenCodeSettings(url, password, directory));
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

    public OpenCodeConnection(OpenCodeSettings settings) {
        this.http = new OpenCodeHttp(settings.baseUrl(), settings.password());
        this.api = http.api();
        ServedDirectories directories = new ServedDirectories(settings.directory());
        StreamMemory memory = new StreamMemory();
        SentPrompts sentPrompts = new SentPrompts(Clock.systemUTC());
        this.sessions = new OpenCodeSessionAdapter(api, directories, memory, sentPrompts);
        this.events = new OpenCodeEventStream(http.streamClient(settings.livenessDeadline()), http.baseUrl(),
                settings.eventScope(), new OpenCodeEventParser(http.moshi()), new SessionResynchronizer(sessions),
                directories, memory, sentPrompts, Backoff.standard(), FIRST_RESYNCHRONISATION_RETRY);
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

    @Override
    public void close() {
        events.stop();
        http.close();
    }
}
