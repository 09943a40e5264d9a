package dev.ocbridge.core.domain;

/** Where a tool call is in its life. */
public enum ToolState {
    PENDING,
    RUNNING,
    COMPLETED,
    ERROR;

    public boolean isFinal() {
        return this == COMPLETED || this == ERROR;
    }
}
