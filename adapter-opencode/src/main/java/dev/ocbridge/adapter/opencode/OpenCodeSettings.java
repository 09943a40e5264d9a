package dev.ocbridge.adapter.opencode;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one {@code opencode serve}.
 *
 * @param baseUrl          the server, e.g. {@code http://127.0.0.1:4096}
 * @param password         {@code OPENCODE_SERVER_PASSWORD}, or null when the server is unsecured
 * @param directory        the project directory new sessions go to, on the server's machine; null for the
 *                         directory the server itself works in
 * @param livenessDeadline how long the event stream may stay silent before it is reconnected
 * @param eventScope       whose events to listen to; every directory unless told otherwise
 */
public record OpenCodeSettings(URI baseUrl, String password, String directory, Duration livenessDeadline,
                               EventScope eventScope) {

    /** The server sends a heartbeat every 10 s; three missed ones mean the stream is dead. */
    public static final Duration DEFAULT_LIVENESS_DEADLINE = Duration.ofSeconds(30);

    public OpenCodeSettings {
        Objects.requireNonNull(baseUrl, "OpenCode base URL");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("OpenCode URL must be http or https: " + baseUrl);
        }
        directory = directory == null || directory.isBlank() ? null : directory;
        password = password == null || password.isEmpty() ? null : password;
        livenessDeadline = livenessDeadline == null ? DEFAULT_LIVENESS_DEADLINE : livenessDeadline;
        if (livenessDeadline.isNegative() || livenessDeadline.isZero()) {
            throw new IllegalArgumentException("liveness deadline must be positive");
        }
        eventScope = eventScope == null ? EventScope.ALL_DIRECTORIES : eventScope;
    }

    public OpenCodeSettings(URI baseUrl, String password, String directory) {
        this(baseUrl, password, directory, DEFAULT_LIVENESS_DEADLINE, EventScope.ALL_DIRECTORIES);
    }

    public OpenCodeSettings withLivenessDeadline(Duration deadline) {
        return new OpenCodeSettings(baseUrl, password, directory, deadline, eventScope);
    }

    public OpenCodeSettings withEventScope(EventScope scope) {
        return new OpenCodeSettings(baseUrl, password, directory, livenessDeadline, scope);
    }

    @Override
    public String toString() {
        return "OpenCodeSettings[baseUrl=" + baseUrl + ", password=" + (password == null ? "none" : "***")
                + ", directory=" + (directory == null ? "the server's own" : directory) + ", livenessDeadline=" + livenessDeadline + ", eventScope=" + eventScope
                + "]";
    }
}
