package dev.ocbridge.adapter.opencode;

/** Where the event stream is; for health reporting. */
public enum StreamState {
    /** Not started, or stopped. */
    STOPPED,
    /** Opening a connection and waiting for the server's first event. */
    CONNECTING,
    /** Receiving events. */
    CONNECTED,
    /** The connection failed; waiting for the next attempt. */
    WAITING_TO_RECONNECT
}
