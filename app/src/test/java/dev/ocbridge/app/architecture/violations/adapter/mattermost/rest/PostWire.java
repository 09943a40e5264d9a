package dev.ocbridge.app.architecture.violations.adapter.mattermost.rest;

/** A wire type of the Mattermost adapter. */
public record PostWire(String id, String message) {
}
