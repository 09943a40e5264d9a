package dev.ocbridge.core.domain;

import java.util.Optional;

/**
 * What the agent server says about a tool call beyond its state: what it acts on, the lines it changed, the
 * exit code of a command, and the sub-agent session a task runs in. Each may be unknown.
 */
public record ToolDetails(ToolTarget target, LineChanges changes, Integer exitCode, SessionId childSession) {
    public static final ToolDetails NONE = new ToolDetails(ToolTarget.NONE, null, null, null);

    public ToolDetails {
        target = target == null ? ToolTarget.NONE : target;
    }

    public Optional<LineChanges> lineChanges() {
        return Optional.ofNullable(changes);
    }

    public Optional<Integer> exit() {
        return Optional.ofNullable(exitCode);
    }

    public Optional<SessionId> child() {
        return Optional.ofNullable(childSession);
    }
}
