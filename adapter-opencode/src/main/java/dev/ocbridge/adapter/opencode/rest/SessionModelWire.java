package dev.ocbridge.adapter.opencode.rest;

/** The {@code model} of a session: what its latest prompt used. */
public record SessionModelWire(String id, String providerID) {
}
