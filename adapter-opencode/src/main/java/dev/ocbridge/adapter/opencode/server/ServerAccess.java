package dev.ocbridge.adapter.opencode.server;

import java.net.URI;
import java.util.Objects;

/**
 * How to reach an OpenCode server: where it listens, and the password of its HTTP basic auth (null when it
 * has none). The password never shows in {@link #toString()}.
 */
public record ServerAccess(URI baseUrl, String password) {

    public ServerAccess {
        Objects.requireNonNull(baseUrl, "OpenCode base URL");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("OpenCode URL must be http or https: " + baseUrl);
        }
        password = password == null || password.isEmpty() ? null : password;
    }

    @Override
    public String toString() {
        return "ServerAccess[baseUrl=" + baseUrl + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
