package dev.ocbridge.adapter.opencode.rest;

/** A user or assistant message ({@code info} of a message, or of a {@code message.updated} event). */
public record MessageWire(
        String id,
        String sessionID,
        String role,
        String parentID,
        String finish,
        ErrorWire error,
        Double cost,
        TokensWire tokens,
        TimeWire time,
        String providerID,
        String modelID) {
}
