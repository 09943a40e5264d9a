package dev.ocbridge.adapter.opencode;

/** Which sessions' events the bridge listens to. */
public enum EventScope {
    /** Every project directory the server serves ({@code GET /global/event}); survives instance disposal. */
    ALL_DIRECTORIES,
    /**
     * Only the configured directory ({@code GET /event?directory=}; without one, the server's own), for a server
     * shared with projects the bridge must not see. The server closes this stream when the directory's instance is disposed; the
     * stream then reconnects like after any drop.
     */
    CONFIGURED_DIRECTORY
}
