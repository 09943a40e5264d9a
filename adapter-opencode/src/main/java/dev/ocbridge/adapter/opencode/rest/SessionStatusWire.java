package dev.ocbridge.adapter.opencode.rest;

/** {@code busy}, {@code idle} or {@code retry} (with attempt, message and the next attempt in epoch ms). */
public record SessionStatusWire(String type, Integer attempt, String message, Long next) {
}
