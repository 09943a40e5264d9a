package dev.ocbridge.core.domain;

/** Lines a tool call added to and removed from a file. */
public record LineChanges(int added, int removed) {
    public LineChanges {
        if (added < 0 || removed < 0) {
            throw new IllegalArgumentException("line counts must not be negative");
        }
    }
}
