package dev.ocbridge.adapter.opencode.rest;

import java.util.Map;

/** The state of a tool part: {@code pending}, {@code running}, {@code completed} or {@code error}. */
public record ToolStateWire(
        String status,
        Map<String, Object> input,
        String output,
        String error,
        String title,
        Map<String, Object> metadata,
        TimeWire time) {
}
