package dev.ocbridge.core.domain;

import java.util.List;
import java.util.Map;

/**
 * The agent asks before it acts: which {@code action} (a tool's permission, such as {@code bash} or
 * {@code edit}), on which {@code resources} (the commands, the files), and what answering "always" would
 * allow from then on ({@code alwaysScope}, patterns such as {@code echo *}). {@code details} are what the
 * server adds to explain the request (the whole command, a file path, a diff).
 */
public record PermissionRequest(
        PermissionId id,
        SessionId sessionId,
        String action,
        List<String> resources,
        List<String> alwaysScope,
        Map<String, String> details) {

    public PermissionRequest {
        Checks.require(id, "permission id");
        Checks.require(sessionId, "session id");
        action = action == null ? "" : action;
        resources = List.copyOf(resources);
        alwaysScope = List.copyOf(alwaysScope);
        details = Map.copyOf(details);
    }
}
