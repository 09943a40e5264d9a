package dev.ocbridge.adapter.opencode.rest;

/** {@code GET /global/health}. */
public record HealthWire(Boolean healthy, String version) {
}
