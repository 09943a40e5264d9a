package dev.ocbridge.adapter.opencode.sse;

import dev.ocbridge.adapter.opencode.rest.MessageWire;

/** Properties of {@code message.updated}. */
public record MessageUpdatedEventWire(String sessionID, MessageWire info) {
}
