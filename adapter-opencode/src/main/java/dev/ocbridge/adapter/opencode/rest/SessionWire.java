package dev.ocbridge.adapter.opencode.rest;

/**
 * {@code Session} as the server sends it (in responses and in {@code session.*} events); {@code model} and
 * {@code agent} appear once the session was prompted.
 */
public record SessionWire(String id, String parentID, String title, String directory, TimeWire time,
                          SessionModelWire model, String agent) {
}
