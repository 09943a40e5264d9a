package dev.ocbridge.core.domain;

import java.util.List;
import java.util.Map;

/** The agent asks before running a tool: which permission, on what, and what "always" would allow. */
public record PermissionRequest(
        PermissionId id,
        SessionId sessionId,
        String permission,
        List<String> patterns,
        List<String> alwaysPatterns,
        Map<String, String> details) {

    public PermissionRequest {
        Checks.require(id, "permission id");
        Checks.require(sessionId, "session id");
        permission = permission == null ? "" : permission;
        patterns = List.copyOf(patterns);
        alwaysPatterns = List.copyOf(alwaysPatterns);
        details = Map.copyOf(details);
    }
}
