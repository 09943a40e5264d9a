package dev.ocbridge.adapter.opencode.rest;

/** Body of {@code POST /session}; a null title lets the server choose one. */
public record NewSessionBody(String title) {
}
