package dev.ocbridge.adapter.opencode.rest;

import com.squareup.moshi.Json;

/** The parts of {@code GET /config} the bridge reads: the configured default model and agent. */
public record ConfigWire(String model, @Json(name = "default_agent") String defaultAgent) {
}
