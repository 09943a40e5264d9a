package dev.ocbridge.adapter.opencode.sse;

import dev.ocbridge.adapter.opencode.rest.PartWire;

/**
 * Properties of {@code message.part.updated}. Older servers stream text here with a {@code delta};
 * 1.18 sends deltas as {@code message.part.delta} and uses this event for the start and the final text.
 */
public record PartUpdatedEventWire(String sessionID, PartWire part, String delta) {
}
