package dev.ocbridge.adapter.opencode.rest;

/** An item of a session's todo list. */
public record TodoWire(String content, String status, String priority) {
}
