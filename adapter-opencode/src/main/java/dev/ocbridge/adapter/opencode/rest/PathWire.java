package dev.ocbridge.adapter.opencode.rest;

/** {@code GET /path}: where the server (or the instance of the asked directory) keeps things and works. */
public record PathWire(String home, String state, String config, String worktree, String directory) {
}
