package dev.ocbridge.adapter.opencode.sse;

/** Properties of {@code message.part.delta}: text to append to one field (so far always {@code text}) of a part. */
public record PartDeltaEventWire(String sessionID, String messageID, String partID, String field, String delta) {
}
