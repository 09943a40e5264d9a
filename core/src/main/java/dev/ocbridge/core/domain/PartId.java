package dev.ocbridge.core.domain;

/** Opaque identifier of a part, as the remote system spells it. */
public record PartId(String value) {
    public PartId {
        Checks.requireText(value, "part id");
    }

    @Override
    public String toString() {
        return value;
    }
}
