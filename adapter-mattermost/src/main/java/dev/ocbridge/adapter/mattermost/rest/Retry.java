package dev.ocbridge.adapter.mattermost.rest;

/** Which failures of a request may be retried. */
public enum Retry {
    /** Reads and idempotent writes: retried after rate limiting, I/O failures and server errors. */
    IDEMPOTENT,
    /** Creations: retried only after a 429, which tells that the server did not process the request. */
    RATE_LIMIT_ONLY
}
