package dev.ocbridge.core.domain;

/** Opaque identifier of a file, as the remote system spells it. */
public record FileId(String value) {
    public FileId {
        Checks.requireText(value, "file id");
    }

    @Override
    public String toString() {
        return value;
    }
}
