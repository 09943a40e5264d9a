package dev.ocbridge.adapter.opencode.rest;

/** {@code FileNode} of {@code GET /file}: one entry of a listed directory. */
public record FileNodeWire(String name, String path, String absolute, String type) {
}
