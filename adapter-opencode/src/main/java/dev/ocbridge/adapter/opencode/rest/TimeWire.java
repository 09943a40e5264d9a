package dev.ocbridge.adapter.opencode.rest;

/** The {@code time} object of sessions, messages, parts and tool states: epoch milliseconds, each optional. */
public record TimeWire(Long created, Long updated, Long completed, Long start, Long end) {
}
