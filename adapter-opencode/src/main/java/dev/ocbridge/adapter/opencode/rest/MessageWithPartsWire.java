package dev.ocbridge.adapter.opencode.rest;

import java.util.List;

/** An element of {@code GET /session/{id}/message}. */
public record MessageWithPartsWire(MessageWire info, List<PartWire> parts) {
}
