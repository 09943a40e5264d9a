package dev.ocbridge.adapter.opencode.rest;

/** The tool call a permission or question belongs to. */
public record ToolRefWire(String messageID, String callID) {
}
