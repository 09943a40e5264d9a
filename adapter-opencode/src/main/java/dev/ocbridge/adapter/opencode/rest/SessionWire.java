package dev.ocbridge.adapter.opencode.rest;

/** {@code Session} as the server sends it (in responses and in {@code session.*} events). */
public record SessionWire(String id, String parentID, String title, String directory, TimeWire time) {
}
