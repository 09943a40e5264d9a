package dev.ocbridge.core.domain;

/** Why a run failed, as the agent server names and explains it. */
public record SessionError(String name, String message) {
    public SessionError {
        name = name == null || name.isBlank() ? "Error" : name;
        message = message == null ? "" : message;
    }

    /** The user stopped the run; not a failure worth shouting about. */
    public boolean isAbort() {
        return "MessageAbortedError".equals(name);
    }
}
