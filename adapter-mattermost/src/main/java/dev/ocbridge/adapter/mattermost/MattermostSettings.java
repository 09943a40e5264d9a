package dev.ocbridge.adapter.mattermost;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the Mattermost server is and how to sign in. {@code serverUrl} may be given with or without
 * {@code /api/v4}; {@code websocketUrl} may be null, and is then derived from it (http → ws, https → wss).
 */
public record MattermostSettings(URI serverUrl, URI websocketUrl, String token) {
    private static final String API_PATH = "/api/v4";

    public MattermostSettings {
        Objects.requireNonNull(serverUrl, "Mattermost server URL must not be null");
        String scheme = serverUrl.getScheme() == null ? "" : serverUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || serverUrl.getHost() == null) {
            throw new IllegalArgumentException("Mattermost server URL must be an http or https URL: " + serverUrl);
        }
        if (websocketUrl != null) {
            String wsScheme = websocketUrl.getScheme() == null ? "" : websocketUrl.getScheme().toLowerCase(Locale.ROOT);
            if (!wsScheme.equals("ws") && !wsScheme.equals("wss")) {
                throw new IllegalArgumentException("Mattermost websocket URL must be a ws or wss URL: " + websocketUrl);
            }
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("Mattermost token must not be blank");
        }
    }

    /** The server's base URL, without {@code /api/v4} and without a trailing slash. */
    public URI siteUrl() {
        String url = serverUrl.toString();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.endsWith(API_PATH)) {
            url = url.substring(0, url.length() - API_PATH.length());
        }
        return URI.create(url);
    }

    /** The REST API's base, ending with a slash as Retrofit wants it. */
    public URI apiUrl() {
        return URI.create(siteUrl() + API_PATH + "/");
    }

    /** The websocket URL: the one given, or the API's, with ws(s) for http(s). */
    public URI effectiveWebsocketUrl() {
        if (websocketUrl != null) {
            return websocketUrl;
        }
        String site = siteUrl().toString();
        String ws = site.regionMatches(true, 0, "https", 0, 5) ? "wss" + site.substring(5) : "ws" + site.substring(4);
        return URI.create(ws + API_PATH + "/websocket");
    }

    @Override
    public String toString() {
        return "MattermostSettings[serverUrl=" + serverUrl + ", websocketUrl=" + websocketUrl + ", token=***]";
    }
}
