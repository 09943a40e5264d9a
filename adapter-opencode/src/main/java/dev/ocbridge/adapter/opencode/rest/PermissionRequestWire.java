package dev.ocbridge.adapter.opencode.rest;

import java.util.List;
import java.util.Map;

/** A pending permission request ({@code GET /permission}, {@code permission.asked}). */
public record PermissionRequestWire(
        String id,
        String sessionID,
        String permission,
        List<String> patterns,
        Map<String, Object> metadata,
        List<String> always,
        ToolRefWire tool) {
}
