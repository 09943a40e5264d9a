package dev.ocbridge.adapter.opencode;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one {@code opencode serve}.
 *
 * @param baseUrl          the server, e.g. {@code http://127.0.0.1:4096}
 * @param password         {@code OPENCODE_SERVER_PASSWORD}, or null when the server is unsecured
 * @param directory        the project directory new sessions go to; always served
 * @param livenessDeadline how long the event stream may stay silent before it is reconnected
 */
public record OpenCodeSettings(URI baseUrl, String password, String directory, Duration livenessDeadline) {

    /** The server sends a heartbeat every 10 s; three missed ones mean the stream is dead. */
    public static final Duration DEFAULT_LIVENESS_DEADLINE = Duration.ofSeconds(30);

    public OpenCodeSettings {
        Objects.requireNonNull(baseUrl, "OpenCode base URL");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("OpenCode URL must be http or https: " + baseUrl);
        }
        Objects.requireNonNull(directory, "directory");
        if (directory.isBlank()) {
            throw new IllegalArgumentException("directory must not be blank");
        }
        password = password == null || password.isEmpty() ? null : password;
        livenessDeadline = livenessDeadline == null ? DEFAULT_LIVENESS_DEADLINE : livenessDeadline;
        if (livenessDeadline.isNegative() || livenessDeadline.isZero()) {
            throw new IllegalArgumentException("liveness deadline must be positive");
        }
    }

    public OpenCodeSettings(URI baseUrl, String password, String directory) {
        this(baseUrl, password, directory, DEFAULT_LIVENESS_DEADLINE);
    }

    public OpenCodeSettings withLivenessDeadline(Duration deadline) {
        return new OpenCodeSettings(baseUrl, password, directory, deadline);
    }

    @Override
    public String toString() {
        return "OpenCodeSettings[baseUrl=" + baseUrl + ", password=" + (password == null ? "none" : "***")
                + ", directory=" + directory + ", livenessDeadline=" + livenessDeadline + "]";
    }
}
