package dev.ocbridge.adapter.opencode.rest;

import dev.ocbridge.core.error.UnavailableException;

/**
 * The server answered, but not with what the route's documentation describes. OpenCode answers a route it
 * does not have with its web UI (HTML, status 200), so this is also how a missing route shows.
 */
public final class UnreadableAnswerException extends UnavailableException {
    public UnreadableAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
