package dev.ocbridge.adapter.opencode;

import dev.ocbridge.adapter.opencode.server.ServerAccess;
import dev.ocbridge.adapter.opencode.server.ServerLocation;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one {@code opencode serve}.
 *
 * @param server           where the server is and how to sign in; a supervised one moves at every restart
 * @param directory        the project directory new sessions go to; always served
 * @param livenessDeadline how long the event stream may stay silent before it is reconnected
 * @param eventScope       whose events to listen to; every directory unless told otherwise
 */
public record OpenCodeSettings(ServerLocation server, String directory, Duration livenessDeadline,
                               EventScope eventScope) {

    /** The server sends a heartbeat every 10 s; three missed ones mean the stream is dead. */
    public static final Duration DEFAULT_LIVENESS_DEADLINE = Duration.ofSeconds(30);

    public OpenCodeSettings {
        Objects.requireNonNull(server, "OpenCode server");
        Objects.requireNonNull(directory, "directory");
        if (directory.isBlank()) {
            throw new IllegalArgumentException("directory must not be blank");
        }
        livenessDeadline = livenessDeadline == null ? DEFAULT_LIVENESS_DEADLINE : livenessDeadline;
        if (livenessDeadline.isNegative() || livenessDeadline.isZero()) {
            throw new IllegalArgumentException("liveness deadline must be positive");
        }
        eventScope = eventScope == null ? EventScope.ALL_DIRECTORIES : eventScope;
    }

    public OpenCodeSettings(ServerLocation server, String directory) {
        this(server, directory, DEFAULT_LIVENESS_DEADLINE, EventScope.ALL_DIRECTORIES);
    }

    /** A server that stays at {@code baseUrl}; {@code password} null or empty when it has none. */
    public OpenCodeSettings(URI baseUrl, String password, String directory) {
        this(ServerLocation.fixed(new ServerAccess(baseUrl, password)), directory);
    }

    public OpenCodeSettings withLivenessDeadline(Duration deadline) {
        return new OpenCodeSettings(server, directory, deadline, eventScope);
    }

    public OpenCodeSettings withEventScope(EventScope scope) {
        return new OpenCodeSettings(server, directory, livenessDeadline, scope);
    }
}
