package dev.ocbridge.adapter.opencode.rest;

/** One agent of {@code GET /agent}; {@code mode} is {@code primary}, {@code subagent} or {@code all}. */
public record AgentWire(String name, String description, String mode, Boolean hidden) {
}
